/**
 * The technician panel's script, by hand: buttons carry their action as `data-device` +
 * `data-body` (JSON); `data-with` names inputs whose values are merged into the body (an empty
 * value of an input marked `data-null-if-empty` is sent as null). The state is polled once a second.
 */

export const PANEL_SCRIPT = `'use strict';
const $ = (id) => document.getElementById(id);
const message = (text) => { $('message').textContent = text; };

function inputValue(input) {
  if (input.type === 'checkbox') return input.checked ? 1 : undefined;
  if (input.dataset.nullIfEmpty && input.value === '') return null;
  if (input.dataset.hex) return parseInt(input.value, 16);
  if (input.type === 'number' || input.tagName === 'SELECT' && /^\\d+$/.test(input.value)) return Number(input.value);
  return input.value;
}

document.addEventListener('click', async (event) => {
  const target = event.target.closest('button[data-device]');
  if (!target) return;
  const body = JSON.parse(target.dataset.body);
  for (const id of (target.dataset.with || '').split(',').filter(Boolean)) {
    const input = $(id);
    const value = inputValue(input);
    // The "next reply only" box becomes replies: 1.
    const key = input.type === 'checkbox' ? 'replies' : input.name;
    if (value !== undefined) body[key] = value;
  }
  try {
    const response = await fetch('/api/' + target.dataset.device, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const result = await response.json();
    message(target.dataset.device + ': ' + (result.message || result.error || response.status));
  } catch (error) {
    message('request failed: ' + error);
  }
  refresh();
});

function fillSelect(select, options) {
  if (select.options.length === options.length) return;
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
}

function printBlock(title, text, svg) {
  const div = document.createElement('div');
  div.className = 'print';
  const pre = document.createElement('pre');
  pre.textContent = title + '\\n' + text;
  const img = document.createElement('img');
  img.alt = title;
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  div.append(pre, img);
  return div;
}

function show(id, value) { $(id).textContent = JSON.stringify(value, null, 1); }

async function refresh() {
  let state;
  try {
    state = await (await fetch('/api/state')).json();
  } catch (error) {
    message('simulators stopped? ' + error);
    return;
  }
  $('ports').textContent = 'Kiosk side: ' + JSON.stringify(state.ports);
  // A section shows only when its simulator runs here (a kiosk may simulate some devices only).
  const present = { 'id-reader': state.idReader, printer: state.printer, 'certificate-unit': state.certificateUnit, central: state.central, camera: state.camera };
  for (const [id, part] of Object.entries(present)) $(id).hidden = !part;
  if (state.idReader) {
    const { testCards, ...reader } = state.idReader;
    fillSelect($('card-name'), testCards.map((name) => [name, name]));
    show('id-reader-state', reader);
  }
  if (state.printer) {
    const { jobs, ...printer } = state.printer;
    show('printer-state', printer);
    $('printer-jobs').replaceChildren(...jobs.map((job) =>
      printBlock('job ' + job.number + (job.complete ? '' : ' (incomplete: ' + job.endedBy + ')') + ', ' + job.receivedBytes + ' bytes', job.text, job.svg)));
  }
  if (state.certificateUnit) {
    const { permits, cardBackPrints, ...unit } = state.certificateUnit;
    fillSelect($('permit-index'), permits.map((p) => [String(p.index), p.permitNumber + ' ' + p.name]));
    show('certificate-unit-state', unit);
    $('card-back-prints').replaceChildren(...cardBackPrints.map((print) =>
      printBlock(print.permitNumber + ' (' + print.place + ')', print.text, print.svg)));
  }
  if (state.camera) show('camera-state', { scene: state.camera.scene });
  if (state.central) {
    show('central-state', { baseUrl: state.central.baseUrl, ...state.central.settings });
    $('central-payments').textContent = state.central.payments.length === 0 ? 'no payments yet' : state.central.payments
      .map((p) => p.paymentId + '  ' + (p.amountFen / 100).toFixed(2) + ' yuan  ' + p.status + '  expires ' + p.expiresAt)
      .join('\\n');
  }
}

refresh();
setInterval(refresh, 1000);
`;
