// The widget manager (@jupyter-widgets/html-manager 1.x) typesets every
// widget label with MathJax 2's API, MathJax.Hub.Queue(["Typeset", Hub, el]),
// whenever window.MathJax exists. The book loads MathJax 3, which has no Hub,
// so on a page with both maths and widgets each label threw a TypeError.
// This gives whatever object window.MathJax is (Sphinx's config object first,
// MathJax 3 itself once loaded) a Hub whose Queue hands the element to
// MathJax 3. Loaded only on pages with widgets, before the widget manager.
(function () {
  function typeset(el) {
    var mj = window.MathJax;
    mj.startup.promise.then(function () { return mj.typesetPromise([el]); });
  }
  var hub = {
    Queue: function (job) {
      var el = job[2];
      if (window.MathJax.startup) typeset(el);
      else window.addEventListener("load", function () { typeset(el); });
    },
  };
  var current = window.MathJax;
  if (current && !current.Hub) current.Hub = hub;
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () { return current; },
    set: function (v) { current = v; if (v && !v.Hub) v.Hub = hub; },
  });
})();
