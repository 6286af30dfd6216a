// A module the browser test loads: if modules run, it replaces the heading and lists the records.
const records = [
  { levelname: "INFO", name: "openflow.of_01", msg: "[00-00-00-00-00-01 1] connected" },
  { levelname: "WARNING", name: "forwarding.l2_learning", msg: "Same port for packet" },
  { levelname: "ERROR", name: "host_tracker", msg: "Exception while handling PacketIn" },
];

const list = document.getElementById("records");
for (const record of records) {
  const item = document.createElement("li");
  item.className = record.levelname;
  item.textContent = `${record.levelname}|${record.name}|${record.msg}`;
  list.appendChild(item);
}
document.getElementById("status").textContent = `rendered ${records.length} records from a module`;
