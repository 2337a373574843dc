/* Start Pagefind's search UI on the search page (from a file: the CSP allows no inline script).
 *
 * The build (generator/site/search.py) writes the index and pagefind-ui.js into /pagefind/; the page
 * loads that script first, then this one. A query in the URL (/search/?q=Raqqa) is searched on
 * load, and the URL follows what is typed, so that a search can be shared and reloaded.
 * Without JavaScript, or if Pagefind does not load, the page keeps its note and its links to
 * the browse pages.
 */
(function () {
  "use strict";

  var container = document.getElementById("search");
  if (!container || typeof window.PagefindUI !== "function" || !window.URLSearchParams) {
    return;
  }

  // A page's h1 has an id, so Pagefind makes the text under it a sub-result repeating the
  // title; given the page's own address, Pagefind's UI shows that text as the result's excerpt.
  function withoutTitleSection(result) {
    var own = result.meta.url || result.url;
    var first = result.sub_results && result.sub_results[0];
    if (first && first.title === result.meta.title && first.url.split("#")[0] === own) {
      first.url = own;
    }
    return result;
  }

  function writeQuery(term) {
    var params = new URLSearchParams(window.location.search);
    if (term) { params.set("q", term); } else { params.delete("q"); }
    var query = params.toString();
    window.history.replaceState(
      null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  // A large site's index is written in parts (pagefind/, pagefind/part-2/…), which the page
  // names; Pagefind's UI merges their results and filters into one list. The first part is
  // searched in the page's language; the others must be told it, or they answer in another.
  var parts = (container.getAttribute("data-merge-index") || "").split(" ").filter(Boolean);
  var lang = document.documentElement.lang;

  // Event pages have no sub-results left (only their title heading, folded into the result
  // above), so ten results take the room five took, and a specific query, matching a few
  // events, shows them all before "Load more"; a standalone page keeps its sections' headings.
  var ui = new window.PagefindUI({
    element: "#search",
    pageSize: 10,
    showSubResults: true,
    showImages: false,
    processResult: withoutTitleSection,
    mergeIndex: parts.map(function (path) { return { bundlePath: path, language: lang }; })
  });

  container.addEventListener("input", function (event) {
    if (event.target.matches(".pagefind-ui__search-input")) {
      writeQuery(event.target.value.trim());
    }
  });
  container.addEventListener("click", function (event) {
    if (event.target.closest(".pagefind-ui__search-clear")) {
      writeQuery("");
    }
  });

  // Pagefind (1.5.2) counts filters only from the filter files it has loaded, so a search
  // started before they all are shows only some filters, and keeps them. Loading them at once
  // from the same module as the UI (same address, so the same instance) means a search from the
  // URL, or typed in, finds every filter there.
  var bundle = new URL("pagefind.js", document.querySelector("script[src$='pagefind-ui.js']").src);
  var filtersLoaded = import(bundle.href).then(function (pagefind) {
    return pagefind.filters();
  }).catch(function () {
    // Pagefind's UI reports a bundle that does not load, when it tries in its turn.
  });

  var term = new URLSearchParams(window.location.search).get("q");
  if (term) {
    filtersLoaded.then(function () { ui.triggerSearch(term); });
  }
  document.getElementById("search-needs-js").hidden = true;
}());
