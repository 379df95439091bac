// Small repairs to markup that the book's theme and Sphinx produce, so that
// screen readers announce it properly (found by the axe checks in
// tests/browser/test_site.py). Our own pages' markup is fixed at the source.
document.addEventListener("DOMContentLoaded", function () {
  // The sidebar's expand/collapse toggles are <summary> elements holding only
  // an icon: give each a name that says which section it opens.
  document.querySelectorAll("nav details > summary").forEach(function (summary) {
    if (summary.textContent.trim()) return;
    var link = summary.parentElement.parentElement.querySelector(":scope > a");
    var section = link ? link.textContent.trim() : "this section";
    summary.setAttribute("aria-label", "Show or hide the pages in " + section);
  });
  // docutils marks each reference in a list as a "doc-biblioentry", a role
  // that ARIA no longer allows inside a list: present them as list items.
  document.querySelectorAll('.citation-list > [role="doc-biblioentry"]').forEach(function (entry) {
    entry.setAttribute("role", "listitem");
  });
});
