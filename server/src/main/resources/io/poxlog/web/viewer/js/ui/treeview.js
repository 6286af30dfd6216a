// The logger tree's panel: every logger with its configured and effective level and, for a timed
// one, the time left; a click sets a level (for the chosen time) or makes it inherit; folds, a
// search by name, and what the controller said when it refused. Main thread only.

import { el } from './dom.js';
import { LoggerTree, timedNote } from '../core/tree.js';
import { compileRegex, regexProblem } from '../core/filters.js';
import { timeLeft } from '../core/format.js';

const BUTTONS = [['TRACE', 'T'], ['DEBUG', 'D'], ['INFO', 'I'], ['WARNING', 'W'], ['ERROR', 'E'], ['CRITICAL', 'C']];

export class TreeView {
  constructor({ panel, body, note, search, forSelect, refresh }, session, seenNames, clockSkew) {
    Object.assign(this, { panel, body, note, search, forSelect, session, seenNames, clockSkew });
    this.tree = new LoggerTree();
    this.timer = null;
    refresh.addEventListener('click', () => this.load());
    search.addEventListener('input', () => this.render());
    body.addEventListener('click', (ev) => this.onClick(ev));
  }

  get open() {
    return !this.panel.hidden;
  }

  show() {
    this.panel.hidden = false;
    this.load();
    if (!this.timer) this.timer = setInterval(() => this.tick(), 1000);
  }

  hide() {
    this.panel.hidden = true;
    clearInterval(this.timer);
    this.timer = null;
  }

  say(text, problem = false) {
    this.note.textContent = text;
    this.note.classList.toggle('problem', problem);
  }

  async load() {
    try {
      const r = await this.session.getLevels();
      this.tree.build(r.levels, this.seenNames());
      if (r.truncated) this.say(`the controller reported ${Object.keys(r.levels).length} of ${r.total} loggers`);
    } catch (e) {
      // Against POX (no get_levels) the loggers seen are listed, levels unknown, and setting still works.
      this.tree.build(null, this.seenNames());
      this.say(`levels unknown: ${e.message}`, true);
    }
    this.render();
  }

  render() {
    const q = this.search.value;
    const problem = regexProblem(q);
    if (problem) this.say(problem, true);
    const rows = this.tree.visible(q && !problem ? compileRegex(q) : null);
    const now = Date.now() / 1000;
    this.body.textContent = '';
    const frag = document.createDocumentFragment();
    for (const n of rows) {
      const row = el('div', 'tree-row');
      row.dataset.logger = n.name;
      const fold = el('button', 'fold', n.children ? (this.tree.isFolded(n.name) && !q ? '\u25b8' : '\u25be') : '');
      fold.type = 'button';
      fold.dataset.act = 'fold';
      fold.disabled = !n.children;
      fold.title = n.children ? `${n.children} below` : '';
      const name = el('span', 'name', n.name === '' ? 'root' : n.name);
      name.style.paddingLeft = `${n.depth * 1.2}em`;
      const configured = n.configured === undefined ? '?' : (n.configured ?? '-');
      const lvls = el('span', 'lvls', `${configured.padEnd(8)} ${n.effective}`);
      lvls.title = 'configured (- inherits), effective';
      const timed = el('span', 'timed', timedNote(n, now));
      timed.dataset.until = n.until ?? '';
      const set = el('span', 'set');
      for (const [level, key] of BUTTONS) {
        const b = el('button', configured === level ? 'on' : '', key);
        b.type = 'button';
        b.dataset.act = 'set';
        b.dataset.level = level;
        b.title = `set ${n.name || 'root'} to ${level}`;
        set.append(b);
      }
      if (n.name !== '') {
        const inherit = el('button', configured === '-' ? 'on' : '', 'inherit');
        inherit.type = 'button';
        inherit.dataset.act = 'set';
        inherit.dataset.level = 'NOTSET';
        inherit.title = `make ${n.name} inherit its parent's level`;
        set.append(inherit);
      }
      row.append(fold, name, lvls, timed, set);
      frag.append(row);
    }
    this.body.append(frag);
  }

  /** Once a second: the countdowns, and the levels again once a timed one went back. */
  tick() {
    const now = Date.now() / 1000;
    let due = false;
    for (const t of this.body.querySelectorAll('.timed')) {
      const until = Number(t.dataset.until);
      if (!t.dataset.until) continue;
      const n = this.tree.node(t.parentElement.dataset.logger);
      if (n) t.textContent = timedNote(n, now);
      if (until < now - 1) due = true;
    }
    if (due) this.load();
  }

  async onClick(ev) {
    const b = ev.target.closest('button');
    if (!b) return;
    const logger = b.closest('.tree-row').dataset.logger;
    if (b.dataset.act === 'fold') {
      this.tree.toggle(logger);
      this.render();
      return;
    }
    const level = b.dataset.level;
    const seconds = level === 'NOTSET' ? 0 : Number(this.forSelect.value);
    const what = `${logger || 'root'} to ${level === 'NOTSET' ? 'inherit' : level}${seconds ? ` for ${timeLeft(seconds)}` : ''}`;
    this.say(`setting ${what}\u2026`);
    try {
      const r = await this.session.setLevel(logger, level, seconds);
      this.say(`set ${what}${r.capped ? ` (capped by the controller at ${r.max_level_for} s)` : ''}`);
    } catch (e) {
      this.say(`not set (${what}): ${e.message}`, true);
    }
    await this.load();
  }
}
