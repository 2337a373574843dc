/* Filter a chronology page in place by kind, actor and years, keeping the choice in the URL.
 *
 * Without this script the page lists every event and links to each kind's, actor's and
 * year's own page; with it, the form below the jump list appears, each change hides the
 * events that do not match (and the years left empty), and the query string
 * (?kind=statement&actor=sergei-lavrov&from=2015&to=2017) is updated so that the filtered
 * view can be shared and reloaded. Strings come from the page, in its language.
 */
(function () {
  "use strict";

  var form = document.getElementById("filter-form");
  var list = document.querySelector(".chronology");
  if (!form || !list || !window.URLSearchParams || !window.history.replaceState) {
    return;
  }
  var FIELDS = ["kind", "actor", "from", "to"];
  var status = document.getElementById("filter-status");
  var facet = document.getElementById("filter-facet");
  var events = list.querySelectorAll("li.event");
  var sections = list.querySelectorAll("section.year");

  function chosen() {
    var state = {};
    FIELDS.forEach(function (name) {
      state[name] = form.elements[name].value;
    });
    return state;
  }

  function matches(item, state) {
    var year = Number(item.getAttribute("data-year"));
    var actors = (item.getAttribute("data-actors") || "").split(" ");
    return (
      (!state.kind || item.getAttribute("data-kind") === state.kind) &&
      (!state.actor || actors.indexOf(state.actor) !== -1) &&
      (!state.from || year >= Number(state.from)) &&
      (!state.to || year <= Number(state.to))
    );
  }

  function show(state) {
    var active = FIELDS.some(function (name) { return state[name]; });
    var shown = 0;
    events.forEach(function (item) {
      var visible = matches(item, state);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    sections.forEach(function (section) {
      // A year stays when one of its events does; era headings go with their year.
      section.hidden = active && !section.querySelector("li.event:not([hidden])");
    });
    list.querySelectorAll("li.era-mark").forEach(function (mark) {
      mark.hidden = active;
    });
    status.textContent = active
      ? form.getAttribute("data-status")
          .replace("{shown}", String(shown))
          .replace("{total}", String(events.length))
      : "";
    showFacetLink(state);
  }

  // With exactly one kind or one actor chosen, link to its page, which lists every year.
  function showFacetLink(state) {
    var link = facet.querySelector("a");
    var only = state.kind && !state.actor ? ["kinds", state.kind, "data-kind-text"]
      : state.actor && !state.kind ? ["actors", state.actor, "data-actor-text"] : null;
    facet.hidden = !only;
    if (only) {
      link.href = form.getAttribute("data-facet-base") + only[0] + "/" + only[1] + "/";
      link.textContent = link.getAttribute(only[2]);
    }
  }

  function writeQuery(state) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      if (state[name]) { params.set(name, state[name]); } else { params.delete(name); }
    });
    var query = params.toString();
    window.history.replaceState(
      null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  // Take the state from the URL, ignoring values this page has no option for.
  function readQuery() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      var known = Array.prototype.some.call(field.options, function (option) {
        return option.value === value;
      });
      field.value = value && known ? value : "";
    });
  }

  function update() {
    var state = chosen();
    show(state);
    writeQuery(state);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    // The reset event fires before the fields are cleared.
    window.setTimeout(update, 0);
  });
  readQuery();
  form.hidden = false;
  show(chosen());
}());
