export function wsUrl(location, port) {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.hostname + ":" + port + "/_webmsg/ws";
}
