// One record in full: every attribute it came with, its whole message and its stack trace, as
// text only. Main thread only.

import { el } from './dom.js';
import { detailFields, valueText, safeText, isoLocal } from '../core/format.js';

export function renderDetails(body, title, rec) {
  body.textContent = '';
  if (rec.kind === 'marker') {
    title.textContent = 'The page\'s note';
    body.append(el('pre', null, safeText(rec.message)));
    return;
  }
  let obj;
  try {
    obj = JSON.parse(rec.raw);
  } catch {
    obj = { message: rec.message };
  }
  title.textContent = `Record${rec.seq >= 0 ? ` ${rec.seq}` : ''}${rec.kind === 'gap' ? ': a gap notice' : ''}`;
  const dl = el('dl');
  const add = (k, v) => {
    dl.append(el('dt', null, safeText(k)), el('dd', `f-${k.replace(/[^a-z_]/gi, '')}`, safeText(v)));
  };
  for (const [k, v] of detailFields(obj)) {
    add(k, valueText(v));
    if (k === 'created') add('created (local)', isoLocal(v));
  }
  body.append(dl);
  if (obj.exc !== undefined && obj.exc !== null) {
    body.append(el('h3', null, 'stack trace (exc)'));
    const text = Array.isArray(obj.exc) ? obj.exc.map((l) => String(l).replace(/\s+$/, '')).join('\n') : valueText(obj.exc);
    body.append(el('pre', 'exc', safeText(text)));
  }
}
