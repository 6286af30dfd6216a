// The dedicated worker where the page's user regexes run (regexjob.js): started as a same-origin
// module worker, so the page's Content-Security-Policy (script-src 'self') allows it, and
// terminated when a pattern is replaced or proves too slow.

import { serve } from './regexjob.js';

const handle = serve((m) => self.postMessage(m));
self.onmessage = (ev) => handle(ev.data);
