// Proves that `mvn verify` runs the JavaScript tests of this folder with Node's test runner
// (server/src/test/node/run-node-tests.sh, from the server's pom): a failing assertion here
// fails the build. The browser viewer's own tests are the other *.test.mjs files beside it.
import test from "node:test";
import assert from "node:assert/strict";

test("the node tests run from Maven", () => {
  assert.equal(typeof globalThis.structuredClone, "function");
  assert.deepEqual([..."ab"].reverse(), ["b", "a"]);
});
