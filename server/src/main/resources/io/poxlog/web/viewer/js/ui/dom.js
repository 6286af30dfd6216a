// Making elements. Data only ever goes in as text (textContent): a log record is never markup.

export const $ = (id) => document.getElementById(id);

/** An element with a class and text: el('span', 'msg', text). */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Fills e with text, the ranges marks ([start, end, start, end, ...], ascending) in a <mark>: the
 * text and the marks are text nodes and elements made here, never parsed. The ranges come from the
 * regex worker (regexjob.marksIn): no user regex runs on the page's thread.
 */
export function setHighlighted(e, text, marks) {
  if (!marks || !marks.length) {
    e.textContent = text;
    return 0;
  }
  e.textContent = '';
  let last = 0;
  for (let k = 0; k + 1 < marks.length; k += 2) {
    const from = Math.max(last, marks[k]);
    const to = Math.min(text.length, marks[k + 1]);
    if (to <= from) continue;
    if (from > last) e.append(document.createTextNode(text.slice(last, from)));
    e.append(el('mark', null, text.slice(from, to)));
    last = to;
  }
  if (last < text.length) e.append(document.createTextNode(text.slice(last)));
  return marks.length / 2;
}
