"""Nothing of the dialogue app is in the admin, on purpose.

The admin is the coordinator's, who only reads dialogues (the workspace pages
show them) and must never see restorative circles.
"""
