// A KYC form on the npm package, no framework. The small `wanumbers/forms` build loads first
// and validates as the user types; the full `wanumbers` build (the request builder) loads in
// the background the first time it is needed, and `wanumbers/id-sides` (the ID combiner) when
// the user picks an ID's photos. With the "sandbox" switch,
// `wanumbers/sandbox` loads too: the page buys the number and submits the form against the
// sandbox running in the page, moves its clock past the review and shows the signed webhook.
import initForms, * as forms from "wanumbers/forms";

const SAMPLES = ["GB", "DE", "AU", "BR", "FR"];
// The sample forms are the sandbox's own (one copy, in the core).
const SAMPLE_URL = (code) => new URL(`../../core/src/sandbox/forms/${code}.json`, import.meta.url);
const API_KEY = "sk_test_demo";
const $ = (selector) => document.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// The page's own words (the error messages come translated from the core).
const UI = {
  en: {
    title: "Get a WhatsApp Business number", language: "Language", step1: "1. Country", countryLabel: "Country",
    step2: "2. Verification", step3: "3. The request that would be sent",
    hint: "Checked as you type, with the rules the API applies: nothing that would bounce is sent.",
    choose: "Choose a country", instant: "instant", kyc: "KYC", perMonth: "per number per month",
    geo: (areas) => `The address must be in the number's area: ${areas}.`, country: (name) => `The address must be in ${name}.`,
    none: "Any address is accepted.", noSample: "This demo has sample forms for GB, DE, AU, BR and FR.",
    instantNote: "Activated at once: no verification needed.", area: "Area code", any: "Any area", soldOut: "sold out", preOrder: "pre-order",
    street_address: "Street and number", extended_address: "Apartment, floor (optional)", locality: "City", administrative_area: "State or region",
    postal_code: "Postal code", country_code: "Country (2 letters)", firstName: "First name (for the ID check)", lastName: "Last name",
    file: "A file (PDF, JPEG, PNG or WEBP)", orId: "Or an ID card, both sides:", front: "Front", back: "Back",
    combined: (kb) => `Combined into one PDF: ${kb} KB`, checkAll: "Check everything", problems: (n) => `${n} to fix before sending`,
    ready: "Ready to send", notSent: "Nothing would be sent:",
    sandboxSwitch: "Sandbox: buy and submit offline", step4: "4. Buy and submit, in the sandbox",
    sandboxHint: "The number is bought and the form submitted against the sandbox running in this page; its clock then moves past the review, and the signed webhook it sends shows here.",
    buy: "Buy and submit", bought: "Bought", submitted: "Submitted", reviewed: "After the review", webhook: "Webhook received", verified: "signature verified",
  },
  es: {
    title: "Consigue un número de WhatsApp Business", language: "Idioma", step1: "1. País", countryLabel: "País",
    step2: "2. Verificación", step3: "3. La petición que se enviaría",
    hint: "Se comprueba mientras escribes, con las reglas de la API: no se envía nada que vaya a ser rechazado.",
    choose: "Elige un país", instant: "al instante", kyc: "KYC", perMonth: "por número al mes",
    geo: (areas) => `La dirección debe estar en la zona del número: ${areas}.`, country: (name) => `La dirección debe estar en ${name}.`,
    none: "Se acepta cualquier dirección.", noSample: "Esta demo tiene formularios de ejemplo para GB, DE, AU, BR y FR.",
    instantNote: "Se activa al momento: sin verificación.", area: "Prefijo", any: "Cualquier zona", soldOut: "agotado", preOrder: "reserva",
    street_address: "Calle y número", extended_address: "Piso, puerta (opcional)", locality: "Ciudad", administrative_area: "Provincia o región",
    postal_code: "Código postal", country_code: "País (2 letras)", firstName: "Nombre (para la verificación)", lastName: "Apellidos",
    file: "Un archivo (PDF, JPEG, PNG o WEBP)", orId: "O un documento de identidad, por ambas caras:", front: "Anverso", back: "Reverso",
    combined: (kb) => `Unidas en un PDF: ${kb} KB`, checkAll: "Revisar todo", problems: (n) => `${n} por corregir antes de enviar`,
    ready: "Listo para enviar", notSent: "No se enviaría nada:",
    sandboxSwitch: "Sandbox: comprar y enviar sin conexión", step4: "4. Comprar y enviar, en el sandbox",
    sandboxHint: "El número se compra y el formulario se envía al sandbox que corre en esta página; luego su reloj pasa la revisión y aquí se ve el webhook firmado que envía.",
    buy: "Comprar y enviar", bought: "Comprado", submitted: "Enviado", reviewed: "Tras la revisión", webhook: "Webhook recibido", verified: "firma verificada",
  },
  "pt-BR": {
    title: "Tenha um número do WhatsApp Business", language: "Idioma", step1: "1. País", countryLabel: "País",
    step2: "2. Verificação", step3: "3. A requisição que seria enviada",
    hint: "Verificado enquanto você digita, com as regras da API: nada que seria recusado é enviado.",
    choose: "Escolha um país", instant: "na hora", kyc: "KYC", perMonth: "por número por mês",
    geo: (areas) => `O endereço deve ficar na área do número: ${areas}.`, country: (name) => `O endereço deve ficar em ${name}.`,
    none: "Qualquer endereço é aceito.", noSample: "Esta demo tem formulários de exemplo para GB, DE, AU, BR e FR.",
    instantNote: "Ativado na hora: sem verificação.", area: "DDD / código de área", any: "Qualquer área", soldOut: "esgotado", preOrder: "pré-venda",
    street_address: "Rua e número", extended_address: "Complemento (opcional)", locality: "Cidade", administrative_area: "Estado",
    postal_code: "CEP", country_code: "País (2 letras)", firstName: "Nome (para a verificação)", lastName: "Sobrenome",
    file: "Um arquivo (PDF, JPEG, PNG ou WEBP)", orId: "Ou um documento de identidade, frente e verso:", front: "Frente", back: "Verso",
    combined: (kb) => `Juntos em um PDF: ${kb} KB`, checkAll: "Verificar tudo", problems: (n) => `${n} a corrigir antes de enviar`,
    ready: "Pronto para enviar", notSent: "Nada seria enviado:",
    sandboxSwitch: "Sandbox: comprar e enviar offline", step4: "4. Comprar e enviar, no sandbox",
    sandboxHint: "O número é comprado e o formulário enviado ao sandbox que roda nesta página; depois o relógio passa da análise e o webhook assinado que ele envia aparece aqui.",
    buy: "Comprar e enviar", bought: "Comprado", submitted: "Enviado", reviewed: "Depois da análise", webhook: "Webhook recebido", verified: "assinatura verificada",
  },
};
const ADDRESS_PARTS = ["street_address", "extended_address", "locality", "administrative_area", "postal_code", "country_code"];

const state = {
  lang: "en",
  code: "",
  sample: null, // { availability, form }
  values: {},
  address: {},
  endUser: {},
  areaCode: "",
  files: {}, // requirementId -> { filename, bytes }
  touched: new Set(),
  showAll: false,
  lastSubmission: null, // the newest submission validated: only its preview is drawn
};
const t = () => UI[state.lang];

// The ID combiner's build, loaded once, at the upload step.
let idSidesModule;
const idSides = () => (idSidesModule ??= import("wanumbers/id-sides").then(async (m) => {
  await m.init();
  return m;
}));

// The full build, loaded once, in the background.
let fullModule;
const full = () => (fullModule ??= import("wanumbers").then(async (m) => {
  await m.init();
  $("#status").dataset.full = "ready"; // for the browser test
  return m;
}));

const started = performance.now();
await initForms();
$("#status").textContent = `wanumbers/forms ready in ${Math.round(performance.now() - started)} ms (version ${forms.version()}).`;
renderCountries();

function renderStatic() {
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
}

$("#lang").addEventListener("change", (e) => {
  state.lang = e.target.value;
  document.documentElement.lang = state.lang;
  renderStatic();
  renderCountries();
  renderCountry();
  if (state.sample) renderForm();
});

$("#country").addEventListener("change", async (e) => {
  state.code = e.target.value;
  Object.assign(state, { sample: null, values: {}, address: {}, endUser: {}, areaCode: "", files: {}, touched: new Set(), showAll: false });
  if (SAMPLES.includes(state.code)) {
    const code = state.code;
    const sample = await (await fetch(SAMPLE_URL(code))).json();
    if (state.code !== code) return; // the user picked another country meanwhile
    state.sample = sample;
    state.address.country_code = state.sample.form.fields.find((f) => f.kind === "address")?.localTo ?? state.code;
    full(); // start loading the full build now: it will be needed for the preview
  }
  renderCountry();
  if (state.sample) renderForm();
});

// ---------------------------------------------------------------------------------------------
// The sandbox: both APIs simulated in the page, by the core

const WEBHOOK_SECRET = "whsec_demo";
let sandboxed; // { w, sandbox, client }
const sandboxModule = () => (sandboxed ??= import("wanumbers/sandbox").then(async (w) => {
  await w.init();
  const sandbox = new w.Sandbox({ seed: 1 });
  const client = new w.Client({ apiKey: API_KEY, fetch: sandbox.fetch });
  const events = ["activated", "declined", "action_required", "verification_required"].map((e) => `whatsapp.number.${e}`);
  await client.createWebhookSettings({ name: "demo", url: "https://example.invalid/hooks", secret: WEBHOOK_SECRET, events });
  $("#status").dataset.sandbox = "ready"; // for the browser test
  return { w, sandbox, client };
}));

$("#sandbox-switch").addEventListener("change", (e) => {
  $("#sandbox-section").hidden = !e.target.checked || !state.sample;
  if (e.target.checked) sandboxModule();
});

$("#buy").addEventListener("click", async () => {
  const log = $("#sandbox-log");
  const lines = [];
  const say = (...parts) => {
    lines.push(parts.join(" "));
    log.textContent = lines.join("\n");
  };
  const { w, sandbox, client } = await sandboxModule();
  const { form, availability } = state.sample;
  const sub = submission().sub;
  try {
    const bought = await client.purchase({ profileId: sub.profileId, country: state.code, allowMultiple: true, ...(sub.areaCode ? { areaCode: sub.areaCode } : {}) });
    say(`${t().bought}:`, bought.outcome, bought.kycUrl ?? bought.phoneNumber?.phoneNumber ?? "");
    const submitted = await client.submitKyc({ form, submission: sub, availability });
    const id = submitted.numbers[0]?.id;
    say(`${t().submitted}:`, submitted.status, id ?? "");
    sandbox.advance(30 * 86_400);
    const number = await client.getNumber({ id });
    say(`${t().reviewed}:`, number.status, number.phoneNumber ?? "", number.regulatoryDeclineReason ?? "");
    for (const delivery of sandbox.takeDeliveries()) {
      const signature = Object.fromEntries(delivery.headers)["x-zernio-signature"];
      w.verifyZernioSignature(WEBHOOK_SECRET, delivery.body, signature);
      const body = JSON.stringify(JSON.parse(new TextDecoder().decode(delivery.body)), null, 2);
      say("", `${t().webhook}: ${delivery.event} (${t().verified})`, `\nx-zernio-signature: ${signature}\n${body}`);
    }
  } catch (err) {
    say(`${err.name} ${err.code}: ${err.message}`);
  }
});

function renderCountries() {
  const select = $("#country");
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, t().choose));
  for (const c of forms.countries()) {
    const price = c.monthlyCents == null ? "" : ` · ${forms.formatMonthly(c.monthlyCents)}`;
    const badge = c.needsKyc ? t().kyc : t().instant;
    select.append(el("option", { value: c.code }, `${c.name ?? c.code}${price} · ${badge}`));
  }
  select.value = current;
}

function renderCountry() {
  const price = $("#price");
  const note = $("#availability");
  $("#kyc").hidden = !state.sample;
  $("#preview-section").hidden = !state.sample;
  $("#sandbox-section").hidden = !state.sample || !$("#sandbox-switch").checked;
  if (!state.code) {
    price.replaceChildren();
    note.hidden = true;
    return;
  }
  const quote = forms.quote(state.code, 1);
  price.replaceChildren(
    el("strong", {}, forms.formatMonthly(quote.monthlyCents)), ` ${t().perMonth}`,
    el("span", { className: `badge ${quote.needsKyc ? "kyc" : "instant"}` }, quote.needsKyc ? t().kyc : t().instant),
  );
  note.hidden = false;
  if (!state.sample) {
    note.textContent = quote.needsKyc ? t().noSample : t().instantNote;
    return;
  }
  const a = state.sample.availability;
  const constraint = a.addressConstraint === "geo" ? t().geo(a.areas.join(", "))
    : a.addressConstraint === "country" ? t().country(forms.countryName(state.code) ?? state.code)
    : t().none;
  note.textContent = constraint;
}

// ---------------------------------------------------------------------------------------------
// The form, rendered from the KYC form JSON

function slot(touch, extra = {}) {
  return el("p", { className: "error", dataset: { touch, ...extra } });
}

function renderForm() {
  const form = $("#form");
  form.replaceChildren();
  const a = state.sample.availability;
  if (a.areaOptions.length || a.soldOutAreas.length) {
    const select = el("select", { id: "area", name: "areaCode" }, el("option", { value: "" }, t().any));
    for (const o of a.areaOptions) select.append(el("option", { value: o.ndc }, `${o.ndc} · ${o.name} (${o.count})`));
    for (const o of a.soldOutAreas) select.append(el("option", { value: o.ndc }, `${o.ndc} · ${o.name} (${o.preOrderable ? t().preOrder : t().soldOut})`));
    select.value = state.areaCode;
    select.addEventListener("change", () => { state.areaCode = select.value; touch("path:/areaCode"); });
    form.append(el("label", { htmlFor: "area" }, t().area), select, slot("path:/areaCode", { path: "/areaCode" }));
  }
  for (const field of state.sample.form.fields) form.append(renderField(field));
  form.append(el("button", { type: "button", id: "check-all", onclick: () => { state.showAll = true; update(); } }, t().checkAll));
  update();
}

function renderField(field) {
  const id = field.requirementId;
  const help = [field.description, field.example && `e.g. ${field.example}`].filter(Boolean).join(" · ");
  const helpNode = help ? el("p", { className: "field-help" }, help) : null;
  if (field.kind === "text" || field.kind === "date") {
    const input = el("input", {
      id: `f-${id}`, name: id, value: state.values[id] ?? "", placeholder: field.kind === "date" ? "YYYY-MM-DD" : (field.example ?? ""),
      oninput: (e) => { state.values[id] = e.target.value; touch(`req:${id}`); },
    });
    return el("div", { className: "field" }, el("label", { htmlFor: `f-${id}` }, field.label), input, helpNode,
      slot(`req:${id}`, { path: `/values/${id}`, req: id }));
  }
  if (field.kind === "address") {
    const set = el("fieldset", { id: `f-${id}` }, el("legend", {}, field.label), helpNode);
    for (const part of ADDRESS_PARTS) {
      const input = el("input", {
        id: `f-${id}-${part}`, name: part, value: state.address[part] ?? "",
        oninput: (e) => { state.address[part] = e.target.value; touch(`req:${id}`, `path:/address/${part}`); },
      });
      set.append(el("label", { htmlFor: `f-${id}-${part}` }, t()[part]), input, slot(`path:/address/${part}`, { path: `/address/${part}` }));
    }
    set.append(slot(`req:${id}`, { path: "/address", req: id }));
    return set;
  }
  if (field.kind === "action") {
    const set = el("fieldset", { id: `f-${id}` }, el("legend", {}, field.label), helpNode);
    for (const [key, label] of [["endUserFirstName", t().firstName], ["endUserLastName", t().lastName]]) {
      const input = el("input", {
        id: `f-${key}`, name: key, value: state.endUser[key] ?? "",
        oninput: (e) => { state.endUser[key] = e.target.value; touch(`path:/${key}`); },
      });
      set.append(el("label", { htmlFor: `f-${key}` }, label), input, slot(`path:/${key}`, { path: `/${key}` }));
    }
    set.append(slot(`req:${id}`, { req: id }));
    return set;
  }
  if (field.kind === "file") {
    const set = el("fieldset", { id: `f-${id}` }, el("legend", {}, field.label), helpNode);
    const single = el("input", {
      type: "file", id: `f-${id}-file`, accept: ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/*",
      onchange: async (e) => {
        const file = e.target.files[0];
        if (file) state.files[id] = { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
        else delete state.files[id];
        touch(`req:${id}`);
      },
    });
    const sides = {};
    const pdfNote = el("p", { className: "pdf", id: `f-${id}-pdf` });
    const side = (which, label) => el("label", {}, label, el("input", {
      type: "file", id: `f-${id}-${which}`, accept: "image/jpeg,image/png,image/webp",
      onchange: async (e) => {
        const file = e.target.files[0];
        sides[which] = file ? new Uint8Array(await file.arrayBuffer()) : undefined;
        if (sides.front && sides.back) await combine(id, sides.front, sides.back, pdfNote);
      },
    }));
    set.append(
      el("label", { htmlFor: `f-${id}-file` }, t().file), single,
      el("p", { className: "field-help" }, t().orId),
      el("div", { className: "sides" }, side("front", t().front), side("back", t().back)),
      pdfNote, slot(`req:${id}`, { req: id }),
    );
    return set;
  }
  return el("p", { className: "field-help" }, `${field.label} (${field.kind})`);
}

// Front and back of an ID on one PDF page, in the browser.
async function combine(id, front, back, note) {
  const sample = state.sample;
  const w = await idSides();
  if (state.sample !== sample) return; // another country was picked meanwhile
  try {
    const pdf = w.combineIdSides(front, back);
    state.files[id] = { filename: "id.pdf", bytes: pdf };
    const url = URL.createObjectURL(new Blob([pdf], { type: "application/pdf" }));
    note.replaceChildren(t().combined((pdf.length / 1024).toFixed(1)), " · ", el("a", { href: url, download: "id.pdf" }, "id.pdf"));
  } catch (err) {
    delete state.files[id];
    note.replaceChildren(el("span", { className: "error" }, err.message));
  }
  touch(`req:${id}`);
}

function touch(...keys) {
  for (const k of keys) state.touched.add(k);
  update();
}

// ---------------------------------------------------------------------------------------------
// Validation on every change, and the request preview

function submission() {
  const fields = state.sample.form.fields;
  const address = fields.find((f) => f.kind === "address");
  const documents = [];
  const documentOf = []; // index in `documents` -> requirementId
  for (const f of fields.filter((f) => f.kind === "file")) {
    const file = state.files[f.requirementId];
    if (!file) continue;
    documents.push({ requirementId: f.requirementId, filename: file.filename, base64: forms.encodeDocument(file.bytes) });
    documentOf.push(f.requirementId);
  }
  const filled = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ""));
  const values = filled(state.values);
  const addressValues = filled(state.address);
  const sub = {
    profileId: "prof_demo",
    country: state.code,
    ...(state.areaCode ? { areaCode: state.areaCode } : {}),
    ...(Object.keys(values).length ? { values } : {}),
    ...(address && Object.keys(addressValues).some((k) => k !== "country_code") ? { address: { requirementId: address.requirementId, ...addressValues } } : {}),
    ...(documents.length ? { documents } : {}),
    ...filled(state.endUser),
  };
  return { sub, documentOf };
}

function update() {
  if (!state.sample) return;
  const { sub, documentOf } = submission();
  const { availability, form } = state.sample;
  const errors = forms.validateKyc(form, sub, { availability, lang: state.lang });
  const slots = [...document.querySelectorAll("#form .error")];
  for (const s of slots) s.replaceChildren();
  const other = [];
  for (const e of errors) {
    const documentIndex = /^\/documents\/(\d+)/.exec(e.path);
    const requirement = documentIndex ? documentOf[Number(documentIndex[1])] : e.requirementId;
    const target = slots.find((s) => s.dataset.path === e.path)
      ?? (e.path.startsWith("/address/") ? slots.find((s) => s.dataset.path === "/address") : undefined)
      ?? slots.find((s) => requirement && s.dataset.req === requirement);
    if (target) target.append(el("span", { className: e.severity === "warning" ? "warning" : "", dataset: { code: e.code } }, e.message, " "));
    else other.push(e);
  }
  for (const s of slots) {
    const visible = state.showAll || state.touched.has(s.dataset.touch);
    s.hidden = !visible || !s.childNodes.length;
    const input = s.previousElementSibling;
    if (input && (input.tagName === "INPUT" || input.tagName === "SELECT")) input.classList.toggle("invalid", visible && s.childNodes.length > 0);
  }
  $("#other-errors").replaceChildren(...(state.showAll ? other : []).map((e) => el("li", {}, e.message)));
  const blocking = errors.filter((e) => e.severity === "error").length;
  $("#buy").disabled = blocking > 0;
  const summary = $("#summary");
  summary.textContent = blocking ? t().problems(blocking) : t().ready;
  summary.className = `summary ${blocking ? "" : "ok"}`;
  state.lastSubmission = sub;
  preview(sub, blocking);
}

async function preview(sub, blocking) {
  const out = $("#preview");
  const sample = state.sample;
  const w = await full();
  // A newer keystroke or another country since: that call draws the preview.
  if (state.sample !== sample || sub !== state.lastSubmission) return;
  const { availability, form } = sample;
  try {
    const today = new Date().toISOString().slice(0, 10);
    const request = w.buildRequest("zernio", { apiKey: API_KEY }, "submit_kyc", { form, submission: sub, availability, today });
    const headers = request.headers.map(([k, v]) => `${k}: ${k === "authorization" ? "Bearer sk_test_…" : v}`);
    const body = JSON.stringify(JSON.parse(new TextDecoder().decode(request.body)), (k, v) =>
      typeof v === "string" && v.length > 64 ? `${v.slice(0, 40)}… (${v.length} characters)` : v, 2);
    out.textContent = [`${request.method} ${request.url}`, ...headers, "", body].join("\n");
  } catch (err) {
    out.textContent = `${t().notSent} ${blocking ? t().problems(blocking) : ""}\n${err.name} ${err.code}: ${err.message}`;
  }
}
