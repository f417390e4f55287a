// Reading aids. "What applies to me?" folds the sections that do not apply to the chosen audience and keeps
// the choice in the address (?for=lead), so it can be shared; the explorer's filter keeps its words in ?data= (not
// ?q=, which is Material's search: a shared link would open the search over the explorer).
// Without JavaScript both read as plain lists of links.

const params = new URLSearchParams(location.search);

function remember(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  history.replaceState(history.state, "", url);
}

// Hide an element and its entries in the tables of contents (Material has one per layout).
function fold(element, folded) {
  element.hidden = folded;
  const id = element.querySelector("[id]")?.id;
  if (!id) return;
  for (const entry of document.querySelectorAll(`.md-nav--secondary a[href="#${CSS.escape(id)}"]`)) entry.closest("li").hidden = folded;
}

function audiences() {
  const box = document.querySelector("[data-notice-audiences]");
  if (!box) return;
  const choices = [...box.querySelectorAll("[data-notice-audience]")];
  const everything = box.querySelector("[data-notice-audience-all]");
  const status = box.querySelector("[data-notice-audience-status]");

  function choose(id) {
    const chosen = choices.find((choice) => choice.dataset.noticeAudience === id);
    for (const choice of choices) {
      if (choice === chosen) choice.setAttribute("aria-current", "true");
      else choice.removeAttribute("aria-current");
    }
    for (const element of document.querySelectorAll("[data-notice-applies]")) {
      const applies = element.dataset.noticeApplies;
      fold(element, Boolean(chosen) && applies !== "all" && !applies.split(" ").includes(id));
    }
    everything.hidden = !chosen;
    status.textContent = chosen ? status.dataset.showing.replace("%(audience)s", chosen.textContent.trim()) : "";
    remember("for", chosen && id);
  }

  box.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-notice-audience]");
    if (!choice) return;
    event.preventDefault();
    choose(choice.dataset.noticeAudience);
  });
  everything.addEventListener("click", () => {
    choose(null);
    choices[0].focus();
  });
  if (params.get("for")) choose(params.get("for"));
}

function filter() {
  const box = document.querySelector("[data-notice-filter]");
  if (!box) return;
  const input = box.querySelector("[data-notice-filter-input]");
  const status = box.querySelector("[data-notice-filter-status]");
  const entries = [...document.querySelectorAll("[data-notice-entry]")];
  box.hidden = false;

  function apply() {
    const words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const entry of entries) {
      const text = entry.textContent.toLocaleLowerCase();
      const match = words.every((word) => text.includes(word));
      fold(entry, !match);
      shown += match ? 1 : 0;
    }
    status.textContent = words.length
      ? status.dataset.showing.replace("%(shown)s", shown).replace("%(total)s", entries.length) : "";
    remember("data", input.value.trim());
  }

  input.addEventListener("input", apply);
  if (params.get("data")) {
    input.value = params.get("data");
    apply();
  }
}

// The full text with changes: step from one change to the next, and back, with two buttons. The focus stays on
// the button, so that Enter steps again; the change is scrolled to and marked, and the status region reads its
// position and its words (with their "Inserted:" / "Deleted:" cues) to screen readers.
function changes() {
  const nav = document.querySelector("[data-notice-change-nav]");
  const marks = [...document.querySelectorAll("[data-notice-change]")];
  if (!nav || !marks.length) return;
  const status = nav.querySelector("[data-notice-change-status]");
  let current = -1;
  nav.hidden = false;
  nav.addEventListener("click", (event) => {
    const button = event.target.closest("[data-notice-change-step]");
    if (!button) return;
    marks[current]?.removeAttribute("data-notice-change-current");
    current = (current + Number(button.dataset.noticeChangeStep) + marks.length) % marks.length;
    const mark = marks[current];
    mark.setAttribute("data-notice-change-current", "");
    mark.scrollIntoView({ block: "center" });
    const words = Object.assign(document.createElement("span"), { className: "nt-sr", textContent: ` ${mark.textContent.replace(/\s+/g, " ").trim()}` });
    status.replaceChildren(status.dataset.position.replace("%(number)s", current + 1).replace("%(total)s", marks.length), words);
  });
}

// On a narrow screen Material opens its navigation drawer, its search and the table of contents within the drawer with
// labels of checkboxes, which the keyboard cannot reach: make them buttons that say whether they are open (the header's
// two icons named as Material names the navigation and the search field). Material itself clicks a focused label on
// Enter; Space does it here.
function toggleButtons() {
  const names = {
    __drawer: document.querySelector(".md-nav--primary")?.getAttribute("aria-label"),
    __search: document.querySelector(".md-search__input")?.getAttribute("aria-label"),
  };
  for (const label of document.querySelectorAll(".md-header label.md-header__button[for], .md-nav label.md-nav__link[for]")) {
    const toggle = document.getElementById(label.htmlFor);
    const name = label.textContent.trim() || names[label.htmlFor];
    if (!toggle?.matches("input.md-toggle") || !name) continue;
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    if (!label.textContent.trim()) label.setAttribute("aria-label", name);
    const state = () => label.setAttribute("aria-expanded", String(toggle.checked));
    state();
    toggle.addEventListener("change", state);
    label.addEventListener("keydown", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      label.click();
    });
  }
}

// Material's colour-scheme toggle, run here rather than by Material's bundle (overrides/partials/palette.html): its
// palette component restyles the whole page as it starts (it marks the body as switching, sets the colour scheme
// the page already has, and reads styles after each), most of the page's blocking time on a phone. early.js has
// applied the scheme before the first paint; this shows the toggle's label for it (the label switches to the next
// scheme: a click, or Enter as Material does it), keeps the choice as Material keeps it (__palette), and colours
// the phone's browser bar as the header (theme-color).
function palette() {
  const form = document.querySelector("[data-notice-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input")];
  const header = document.querySelector("[data-md-component=header]");
  const bar = Object.assign(document.createElement("meta"), { name: "theme-color" });
  document.head.append(bar);
  let current;

  function show(index, switching) {
    current = index;
    const input = inputs[index];
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute(`data-md-color-${key}`);
    if (switching) document.body.setAttribute("data-md-color-switching", "");  // no transitions while switching
    for (const [key, value] of Object.entries(color)) {
      if (document.body.getAttribute(`data-md-color-${key}`) !== value) document.body.setAttribute(`data-md-color-${key}`, value);
    }
    inputs.forEach((other, at) => { other.nextElementSibling.hidden = at !== index; });
    __md_set("__palette", { index, color });
    const style = getComputedStyle(header);
    bar.content = style.backgroundColor;
    if (switching) {
      document.querySelector("meta[name=color-scheme]")?.setAttribute("content", style.colorScheme);
      setTimeout(() => document.body.removeAttribute("data-md-color-switching"));
    }
  }

  const stored = __md_get("__palette");
  const chosen = Number.isInteger(stored?.index) ? stored.index : inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
  show(Math.max(0, Math.min(chosen, inputs.length - 1)), false);
  form.addEventListener("change", (event) => show(inputs.indexOf(event.target), true));
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
}

audiences();
filter();
changes();
toggleButtons();
palette();
