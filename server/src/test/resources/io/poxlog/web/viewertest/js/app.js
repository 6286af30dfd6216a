// The test page of web.log_viewer's tests (LogViewerBrowserTest): what the page's CSP lets it do.
// It reports each result as an <li id="..."> and, when all are in, #status "done".
import { wsUrl } from "./util.mjs";

const results = document.getElementById("results");
function report(id, text) {
  const li = document.createElement("li");
  li.id = id;
  li.textContent = text;
  results.appendChild(li);
}

report("inline", document.documentElement.dataset.inline === "ran" ? "inline script ran" : "inline script blocked");

const violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  violations.push(e.violatedDirective + " " + e.blockedURI);
});

function tryWebSocket(id, url) {
  return new Promise((resolve) => {
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      report(id, "thrown " + e.name);
      resolve();
      return;
    }
    const timer = setTimeout(() => { report(id, "no answer"); resolve(); }, 10000);
    ws.onmessage = (m) => {
      clearTimeout(timer);
      const cmd = JSON.parse(m.data).cmd;
      report(id, "message " + cmd);
      ws.close();
      resolve();
    };
    ws.onerror = () => { clearTimeout(timer); report(id, "error"); resolve(); };
  });
}

const params = new URLSearchParams(location.search);
await tryWebSocket("same", wsUrl(location, location.port));
if (params.has("other")) {
  await tryWebSocket("other", wsUrl(location, params.get("other")));
}
// the violation event is queued as a task: let it come before saying what was seen
await new Promise((r) => setTimeout(r, 200));
report("violations", violations.join(" | "));
document.getElementById("status").textContent = "done";
