#!/usr/bin/env bash
# The translation test extracts the UI strings with GNU gettext's xgettext.
set -euo pipefail
if ! command -v xgettext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
  fi
fi
