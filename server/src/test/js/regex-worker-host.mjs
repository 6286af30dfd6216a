// regex.worker.js's twin under node's worker_threads, for regexworker.test.mjs: the same
// regexjob.serve, its messages over parentPort.
import { parentPort } from 'node:worker_threads';
import { serve } from '../../main/resources/io/poxlog/web/viewer/js/core/regexjob.js';

const handle = serve((m) => parentPort.postMessage(m));
parentPort.on('message', handle);
