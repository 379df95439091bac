// The book's own plotly.js: the core (which holds the scatter trace) and only
// the traces the book's figures draw, bundled by build.mjs from the npm
// plotly.js source of the very version the Python plotly package writes for
// (pinned in package.json). The full plotly.min.js is 4.8 MB; this is a
// fraction of it. Add a trace here when a figure needs one: the build tier
// test lists the trace types the built pages use and fails on a missing one.
"use strict";

const Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/funnel"),
  require("plotly.js/lib/heatmap"),
  require("plotly.js/lib/scatterpolar"),
]);

module.exports = Plotly;
