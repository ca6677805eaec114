// Draw every chart on the page from the Vega-Lite specification embedded beside it, with the
// locally served vega-embed (no network access needed).
document.querySelectorAll(".chart[data-spec]").forEach(function (box) {
  var spec = JSON.parse(document.getElementById(box.dataset.spec).textContent);
  vegaEmbed(box, spec, { actions: false, renderer: "svg" }).catch(function (err) {
    box.textContent = "The chart could not be drawn: " + err;
  });
});
