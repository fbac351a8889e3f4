// "Use my location" on the hotspot form: the browser's position, never sent anywhere
// but into the two fields (no map tiles, no third party).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("use-location");
  if (!button || !navigator.geolocation) {
    if (button) button.hidden = true;
    return;
  }
  button.hidden = false;
  const status = document.getElementById("location-status");
  button.addEventListener("click", () => {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        document.getElementById("id_latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("id_longitude").value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done;
      },
      () => { status.textContent = button.dataset.failed; },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  });
});
