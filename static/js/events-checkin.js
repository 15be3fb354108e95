// QR check-in: the phone's camera feeds a canvas, jsQR (vendored) decodes each frame in the browser and the
// decoded registration code is posted to the check-in URL. The same code is not sent twice in a row.
(function () {
  "use strict";

  var root = document.getElementById("scanner");
  if (!root || typeof jsQR !== "function") { return; }
  var video = document.getElementById("scanner-video");
  var canvas = document.getElementById("scanner-canvas");
  var status = document.getElementById("scanner-status");
  var log = document.getElementById("scanner-log");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var last = "";
  var busy = false;

  function note(text, ok) {
    var item = document.createElement("li");
    item.textContent = text;
    item.className = ok ? "message-success" : "message-error";
    log.insertBefore(item, log.firstChild);
    status.textContent = text;
  }

  function send(code) {
    busy = true;
    var body = new URLSearchParams();
    body.set("code", code);
    fetch(root.dataset.postUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": decodeURIComponent(csrf), "Accept": "application/json" }
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      note(answer.message, answer.ok);
    }).catch(function () {
      note(root.dataset.noCamera, false);
    }).finally(function () {
      busy = false;
    });
  }

  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && !busy) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data && found.data !== last) {
        last = found.data;
        send(found.data);
      }
    }
    window.requestAnimationFrame(tick);
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    status.textContent = root.dataset.noCamera;
    return;
  }
  navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
    .then(function (stream) {
      video.srcObject = stream;
      video.play();
      status.textContent = root.dataset.scanning;
      window.requestAnimationFrame(tick);
    })
    .catch(function () {
      status.textContent = root.dataset.noCamera;
    });
})();
