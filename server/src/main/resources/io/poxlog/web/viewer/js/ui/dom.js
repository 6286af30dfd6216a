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
 * Fills e with text, each match of regex (a global copy is made) in a <mark>: the text and the
 * marks are text nodes and elements made here, never parsed.
 */
export function setHighlighted(e, text, regex, maxMarks = 50) {
  if (!regex) {
    e.textContent = text;
    return 0;
  }
  const g = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : regex.flags + 'g');
  e.textContent = '';
  let last = 0;
  let marks = 0;
  for (let m = g.exec(text); m && marks < maxMarks; m = g.exec(text)) {
    if (m[0] === '') {
      g.lastIndex++;
      continue;
    }
    if (m.index > last) e.append(document.createTextNode(text.slice(last, m.index)));
    e.append(el('mark', null, m[0]));
    last = m.index + m[0].length;
    marks++;
  }
  if (last < text.length) e.append(document.createTextNode(text.slice(last)));
  return marks;
}
