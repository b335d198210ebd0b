// Drag to reorder the agenda. Without JavaScript the up/down buttons do the same.
(function () {
  "use strict";
  var list = document.querySelector("ol[data-draggable]");
  var form = document.getElementById("reorder-form");
  if (!list || !form) { return; }
  var dragged = null;
  list.querySelectorAll("li[data-id]").forEach(function (item) {
    item.draggable = true;
    item.classList.add("draggable");
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.id);
    });
    item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
    item.addEventListener("dragover", function (event) {
      if (!dragged || dragged === item) { return; }
      event.preventDefault();
      var box = item.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener("drop", function (event) { event.preventDefault(); });
  });
  list.addEventListener("drop", function () {
    if (!dragged) { return; }
    dragged = null;
    var ids = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (li) {
      return li.dataset.id;
    });
    if (ids.join(",") === list.dataset.order) { return; }
    form.querySelector("[name=new_order]").value = ids.join(",");
    form.submit();
  });
})();
