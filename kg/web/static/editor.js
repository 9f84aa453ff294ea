// The query editor: YASGUI against this server's endpoint, with the project's prefixes declared
// in a new tab. Loaded as a file (no inline script) so that the Content-Security-Policy can
// forbid inline scripts; YASGUI's autocompleters that would ask prefix.cc and LOV are off, as
// the page needs nothing from the internet.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("yasgui");
  const prefixes = JSON.parse(element.dataset.prefixes);
  const declared = Object.entries(prefixes)
    .map(([prefix, namespace]) => `PREFIX ${prefix}: <${namespace}>`)
    .join("\n");
  Yasgui.Yasqe.defaults.value =
    declared +
    "\n\nSELECT ?person ?name WHERE {\n  ?person a nkd:Person ;\n    skos:prefLabel ?name .\n}\nORDER BY ?name\n";
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  window.yasgui = new Yasgui(element, {
    requestConfig: {
      endpoint: new URL(element.dataset.endpoint, window.location.href).href,
      method: "POST",
    },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
  });
});
