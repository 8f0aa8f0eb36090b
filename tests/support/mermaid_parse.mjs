// Long-lived Mermaid syntax checker for the test suite.
//
// Why: starting Node + Mermaid costs ~0.5 s, a parse costs a few ms, so the Python side keeps
// one process per pytest session and talks JSON lines over stdin/stdout:
//   in:  {"id": any, "text": "flowchart LR ..."}
//   out: {"id": any, "ok": bool, "error": str|null, "type": str|null, "db": {...}}
// `db` is what Mermaid's parser understood (its diagram db), reduced to plain JSON.
//
// Usage: node mermaid_parse.mjs <node-dir>   (node-dir holds node_modules/{mermaid,jsdom})
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const nodeDir = process.argv[2] || process.env.CUSTFLOW_NODE_DIR;
if (!nodeDir) {
  process.stderr.write('usage: node mermaid_parse.mjs <dir containing node_modules>\n');
  process.exit(2);
}

// Everything but our JSON answers goes to stderr, so Mermaid's logging cannot corrupt stdout.
for (const level of ['log', 'info', 'warn', 'debug', 'trace']) {
  console[level] = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');
}

// Mermaid (and DOMPurify, evaluated at import time) expect a browser: give them jsdom's window
// BEFORE importing Mermaid. `box` in sequence diagrams uses `new Option()`.
const require = createRequire(join(nodeDir, 'package.json'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of [
  'Option', 'Element', 'HTMLElement', 'SVGElement', 'Node', 'NodeFilter', 'DOMParser',
  'XMLSerializer', 'MutationObserver', 'getComputedStyle', 'navigator', 'Image',
]) {
  if (!(name in globalThis) && name in dom.window) {
    try {
      globalThis[name] = dom.window[name];
    } catch {
      // Some globals (navigator in newer Node) are read-only; Node's own is good enough.
    }
  }
}

// jsdom has no CSS.supports(); without it Mermaid falls back to an exact-string check, so
// `box Aqua Group` would lose its colour ("Aqua" reads back as "aqua") and be titled
// "Aqua Group", unlike in a browser. Emulate supports() with jsdom's CSS parser.
if (!dom.window.CSS || typeof dom.window.CSS.supports !== 'function') {
  dom.window.CSS = {
    supports(property, value) {
      const style = new dom.window.Option().style;
      style.setProperty(property, value);
      return style.getPropertyValue(property) !== '';
    },
  };
}
globalThis.CSS ??= dom.window.CSS;

const mermaidFile = join(nodeDir, 'node_modules', 'mermaid', 'dist', 'mermaid.core.mjs');
const mermaid = (await import(pathToFileURL(mermaidFile).href)).default;
// Same settings Material relies on (its initialize() leaves securityLevel at 'strict').
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

// Mermaid's encodeEntities() turns `#59;` into `ﬂ°°59¶ß` and `#quot;` into `ﬂ°quot¶ß` before
// parsing; it decodes only when rendering. Restore the source spelling so db text reads like
// the diagram text (`#59;`), which the Python helper decode_mermaid_entities() understands.
function restoreEntities(s) {
  return s.replace(/ﬂ°°(\w+)¶ß/g, '#$1;').replace(/ﬂ°(\w+)¶ß/g, '#$1;');
}

function plain(value, depth = 0) {
  if (depth > 8) return null;
  if (typeof value === 'string') return restoreEntities(value);
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) out[String(k)] = plain(v, depth + 1);
    return out;
  }
  if (value instanceof Set || Array.isArray(value)) {
    return [...value].map((v) => plain(v, depth + 1));
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'function') out[k] = plain(v, depth + 1);
    }
    return out;
  }
  return null;
}

function call(db, name, ...args) {
  return typeof db[name] === 'function' ? db[name](...args) : undefined;
}

function reverse(table) {
  const out = {};
  for (const [k, v] of Object.entries(table || {})) out[v] = k;
  return out;
}

function flowchartDb(db) {
  const vertices = {};
  const shapes = {};
  const clicks = {};
  const classes = {};
  for (const v of call(db, 'getVertices').values()) {
    vertices[v.id] = plain(v.text ?? v.id);
    shapes[v.id] = v.type ?? null;
    if (v.classes?.length) classes[v.id] = plain(v.classes);
    const tooltip = call(db, 'getTooltip', v.id) ?? null;
    if (v.link || v.haveCallback || tooltip) {
      clicks[v.id] = {
        link: plain(v.link ?? null),
        target: v.linkTarget ?? null,
        callback: Boolean(v.haveCallback),
        tooltip: plain(tooltip),
      };
    }
  }
  const edges = call(db, 'getEdges').map((e) => ({
    start: e.start,
    end: e.end,
    text: plain(e.text ?? ''),
    type: e.type ?? null,
    stroke: e.stroke ?? null,
    length: e.length ?? null,
  }));
  const subgraphs = (call(db, 'getSubGraphs') || []).map((s) => ({
    id: s.id,
    title: plain(s.title),
    nodes: plain(s.nodes),
  }));
  return {
    direction: call(db, 'getDirection') ?? null,
    vertices, shapes, classes, clicks, edges, subgraphs,
  };
}

function sequenceDb(db) {
  const lineType = reverse(db.LINETYPE);
  const placement = reverse(db.PLACEMENT);
  const actors = {};
  const actorTypes = {};
  for (const [id, a] of call(db, 'getActors')) {
    actors[id] = plain(a.description ?? id);
    actorTypes[id] = a.type ?? null;
  }
  const messages = [];
  const notes = [];
  const blocks = [];
  for (const m of call(db, 'getMessages')) {
    const typeName = lineType[m.type] ?? String(m.type);
    if (typeName === 'NOTE') {
      notes.push({
        actors: m.from === m.to ? [m.from] : [m.from, m.to],
        placement: placement[m.placement] ?? null,
        text: plain(m.message ?? ''),
      });
    } else if (m.from !== undefined && m.to !== undefined) {
      messages.push({
        from: m.from, to: m.to, message: plain(m.message ?? ''), type: m.type, type_name: typeName,
      });
    } else {
      blocks.push({ type: m.type, type_name: typeName, text: plain(m.message ?? '') });
    }
  }
  const boxes = (call(db, 'getBoxes') || []).map((b) => ({
    name: plain(b.name ?? null), fill: b.fill ?? null, actors: plain(b.actorKeys ?? []),
  }));
  return { actors, actor_types: actorTypes, messages, notes, blocks, boxes };
}

function journeyDb(db) {
  return {
    sections: plain(call(db, 'getSections') || []),
    tasks: (call(db, 'getTasks') || []).map((t) => ({
      section: plain(t.section), task: plain(t.task), score: t.score, people: plain(t.people),
    })),
    actors: plain(call(db, 'getActors') || []),
  };
}

function describe(type, db) {
  const common = {
    title: plain(call(db, 'getDiagramTitle') || null),
    acc_title: plain(call(db, 'getAccTitle') || null),
    acc_descr: plain(call(db, 'getAccDescription') || null),
  };
  let specific = {};
  if (typeof type === 'string' && type.startsWith('flowchart')) specific = flowchartDb(db);
  else if (type === 'sequence') specific = sequenceDb(db);
  else if (type === 'journey') specific = journeyDb(db);
  return { ...common, ...specific };
}

function errorText(err) {
  return String((err && (err.message || err.str)) || err);
}

async function handle(request) {
  const text = String(request.text ?? '');
  let type = null;
  try {
    type = mermaid.detectType(text);
  } catch {
    // Unknown diagram type: getDiagramFromText() below reports it.
  }
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    type = diagram.type ?? type;
    return { id: request.id, ok: true, error: null, type, db: describe(type, diagram.db) };
  } catch (err) {
    return { id: request.id, ok: false, error: errorText(err), type, db: {} };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = await handle(JSON.parse(line));
  } catch (err) {
    answer = { id: null, ok: false, error: `checker failure: ${errorText(err)}`, type: null, db: {} };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
