// CloudFront Function (viewer request) on the web app's default behaviour. A path whose last
// segment has no file extension is one of the single-page app's own routes: serve its shell.
// Files (/assets/app.js, /favicon.ico) pass through, and a missing file stays a 404.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
