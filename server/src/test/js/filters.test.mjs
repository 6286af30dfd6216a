import test from 'node:test';
import assert from 'node:assert/strict';
import {
  makeFilter, toFragment, fromFragment, matcher, serverSettings, widens, ignoresCase, describe,
} from '../../main/resources/io/poxlog/web/viewer/js/core/filters.js';

const rec = (name, message, levelno = 20, kind = 'record') => ({ name, message, levelno, kind });

test('the fragment says the whole filter, and a copied link gives it back', () => {
  const f = makeFilter({ level: 'warning', loggers: ['openflow', 'web'], hide: ['openflow.discovery'], grep: 'of_0[12]', exclude: 'echo & co', search: 'Port' });
  const frag = toFragment(f);
  assert.match(frag, /^level=WARNING&logger=openflow&logger=web&hide=openflow.discovery&grep=/);
  const back = fromFragment('#' + frag);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.filter, f);
  assert.equal(toFragment(makeFilter({})), '');
});

test('a bad part of a fragment is said and left out; the rest applies', () => {
  const { filter, problems } = fromFragment('level=LOUD&grep=(&logger=a');
  assert.deepEqual(filter.loggers, ['a']);
  assert.equal(filter.level, 0);
  assert.equal(filter.grep, '');
  assert.equal(problems.length, 2);
  assert.match(problems[1], /grep: not a regular expression/);
});

test('smart case: lower case ignores case, an upper-case letter is exact, escapes do not count', () => {
  assert.ok(ignoresCase('error'));
  assert.ok(ignoresCase('\\d+ \\S'));
  assert.ok(!ignoresCase('Error'));
  const m = matcher(makeFilter({ grep: 'error' }));
  assert.ok(m(rec('a', 'An ERROR')));
  assert.ok(!matcher(makeFilter({ grep: 'Error' }))(rec('a', 'An ERROR')));
});

test('the matcher: level, loggers with their children, hidden loggers, regexes over logger and message; gaps and marks always pass', () => {
  const m = matcher(makeFilter({ level: 20, loggers: ['openflow'], hide: ['openflow.discovery'], exclude: 'noise' }));
  assert.ok(m(rec('openflow', 'x')));
  assert.ok(m(rec('openflow.of_01', 'x')));
  assert.ok(!m(rec('openflowx', 'x')));
  assert.ok(!m(rec('openflow.discovery', 'x')));
  assert.ok(!m(rec('openflow.discovery.lldp', 'x')));
  assert.ok(!m(rec('openflow.of_01', 'x', 10)));
  assert.ok(!m(rec('openflow.of_01', 'some noise')));
  assert.ok(m(rec('web', 'lost', 30, 'gap')));
  assert.ok(m(rec('poxlog.viewer', 'disconnected', 30, 'marker')));
  const anchored = matcher(makeFilter({ grep: '^web$' }));
  assert.ok(anchored(rec('web', 'x')), '^ and $ match at every line: the logger is a line of its own');
});

test('the server is sent RE2 with the case folded in, hidden loggers anchored to the logger name', () => {
  const s = serverSettings(makeFilter({ level: 'ERROR', loggers: ['openflow'], hide: ['web.x', 'a$b'], grep: 'of_01', exclude: 'Noise' }));
  assert.deepEqual(s, { level: 40, subsystems: ['openflow'], grep: '(?i:of_01)', exclude: '(?:Noise)|\\A(?:web\\.x|a\\$b)[.\\n]' });
  assert.deepEqual(serverSettings(makeFilter({})), { level: 0, subsystems: [], grep: null, exclude: null });
});

test('widening asks for the backlog again; narrowing does not', () => {
  const f = (p) => makeFilter(p);
  assert.ok(widens(f({ level: 30 }), f({ level: 10 })));
  assert.ok(!widens(f({ level: 10 }), f({ level: 30 })));
  assert.ok(!widens(f({}), f({ grep: 'x' })));
  assert.ok(widens(f({ grep: 'x' }), f({ grep: 'y' })));
  assert.ok(widens(f({ grep: 'x' }), f({})));
  assert.ok(!widens(f({}), f({ hide: ['a'] })));
  assert.ok(widens(f({ hide: ['a'] }), f({})));
  assert.ok(!widens(f({}), f({ loggers: ['a'] })));
  assert.ok(widens(f({ loggers: ['a'] }), f({ loggers: ['b'] })));
  assert.ok(!widens(f({ loggers: ['a'] }), f({ loggers: ['a.b'] })));
  assert.ok(!widens(f({ search: 'x' }), f({})), 'the search is the page\'s own');
});

test('bad filters are refused saying why', () => {
  assert.throws(() => makeFilter({ level: 'LOUD' }), /unknown level 'LOUD'/);
  assert.throws(() => makeFilter({ grep: '[' }), /grep: not a regular expression/);
  assert.equal(describe(makeFilter({ level: 30, grep: 'x' })), 'level>=WARNING grep /x/i');
});
