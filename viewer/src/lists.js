// The lists beside the network (every person, every meeting) and the details panel. Plain DOM
// with stable ids and data-* attributes: readable by screen readers, by search, and by tests.
//
//   #people   > li#person-<i>[data-id][data-meetings]    > button[data-person=<i>]
//   #meetings > li#meeting-<i>[data-id][data-date][data-status] > button[data-meeting=<i>]
//   #details[data-kind=person|meeting][data-id]: the person's meetings in table#person-meetings
//     (tr[data-meeting-id]), or the meeting's ul.participants (li[data-person-id][data-role]),
//     ul.topics, ul.agreements, ul.conflicts and ol.sources
//     (li[data-article][data-start][data-end][data-conflict]).

import {fill, h, linkButton} from "./dom.js";

const collator = new Intl.Collator(undefined, {sensitivity: "base"});

function names(model, meeting, except) {
  return meeting.participants.filter((p) => p.person !== except).map((p) => model.people[p.person]);
}

function meetingLine(model, m) {
  const who = names(model, m).map((p) => p.name).join(", ") || "nobody named";
  const where = m.place ? ` · ${m.place}` : "";
  const status = m.status === "held" ? "" : ` (${m.status})`;
  return `${m.date || "undated"} · ${who}${where}${status}`;
}

function statusWords(m) {
  return [m.status, m.modeWords, m.historical ? "recalled from the past" : ""]
    .filter(Boolean).join(", ");
}

export function createLists(model, elements, {onPerson, onMeeting}) {
  const {people, meetings, details} = elements;

  const personItems = new Array(model.people.length);
  const personCounts = new Array(model.people.length);
  const byName = [...model.people].sort((a, b) => collator.compare(a.name, b.name) || a.i - b.i);
  const peopleFragment = document.createDocumentFragment();
  for (const p of byName) {
    const count = h("span", {class: "count"}, String(p.total));
    personCounts[p.i] = count;
    personItems[p.i] = h("li", {id: `person-${p.i}`, dataset: {id: p.id, meetings: p.total}},
      h("button", {type: "button", class: "link", dataset: {person: p.i}}, p.name, " ", count));
    peopleFragment.append(personItems[p.i]);
  }
  people.replaceChildren(peopleFragment);

  const meetingItems = new Array(model.meetings.length);
  const meetingsFragment = document.createDocumentFragment();
  for (const m of model.meetings) {
    meetingItems[m.i] = h("li", {id: `meeting-${m.i}`,
      dataset: {id: m.id, date: m.date || "", status: m.status}},
    h("button", {type: "button", class: "link", dataset: {meeting: m.i}}, meetingLine(model, m)));
    meetingsFragment.append(meetingItems[m.i]);
  }
  meetings.replaceChildren(meetingsFragment);

  // One listener per list, and one for the details panel: a click on any [data-person] or
  // [data-meeting] button opens it.
  const open = (event) => {
    const button = event.target.closest("button[data-person], button[data-meeting]");
    if (!button) return;
    if (button.dataset.person !== undefined) onPerson(Number(button.dataset.person), "list");
    else onMeeting(Number(button.dataset.meeting), "list");
  };
  for (const el of [people, meetings, details]) el.addEventListener("click", open);

  let current = null;
  // Mark the list item of what the details show, and show the details from their top.
  function mark(item) {
    details.scrollTop = 0;
    current?.removeAttribute("aria-current");
    current = item || null;
    current?.setAttribute("aria-current", "true");
    current?.scrollIntoView({block: "nearest"});
  }

  /** Show or hide list items as the filters say; keep the counts in step with the range. */
  function update(state) {
    for (const p of model.people) {
      const hide = !state.personShown[p.i];
      if (personItems[p.i].hidden !== hide) personItems[p.i].hidden = hide;
      const text = String(state.count[p.i]);
      if (personCounts[p.i].textContent !== text) personCounts[p.i].textContent = text;
    }
    for (const m of model.meetings) {
      const hide = !state.meetingShown[m.i];
      if (meetingItems[m.i].hidden !== hide) meetingItems[m.i].hidden = hide;
    }
  }

  function showPerson(i, state) {
    const p = model.people[i];
    const inRange = p.meetings.filter((m) => state.inRange[m]);
    const outside = p.meetings.length - inRange.length;
    const rows = inRange.map((mi) => {
      const m = model.meetings[mi];
      return h("tr", {dataset: {meetingId: m.id, meeting: m.i}},
        h("td", {}, linkButton(m.date || "undated", {meeting: m.i}, `Meeting of ${m.date || "unknown date"}`)),
        h("td", {}, names(model, m, i).flatMap((q, k) => [k ? ", " : null,
          linkButton(q.name, {person: q.i})])),
        h("td", {}, [m.place, m.venue].filter(Boolean).join(", ")),
        h("td", {}, m.topics.join(", ")),
        h("td", {}, statusWords(m)));
    });
    fill(details,
      h("h2", {}, p.name),
      p.aliases.length ? h("p", {class: "meta aliases"}, `Also written: ${p.aliases.join(" · ")}`) : null,
      h("p", {class: "meta"}, [...p.titles.slice(0, 3),
        ...p.countries.map((c) => model.countries[c])].join(" · ")),
      h("h3", {}, `${inRange.length} meeting${inRange.length === 1 ? "" : "s"}`
        + (outside ? ` (${outside} more outside the date range)` : "")),
      rows.length ? h("table", {id: "person-meetings"},
        h("thead", {}, h("tr", {}, ["Date", "With", "Place", "Topics", "Status"]
          .map((t) => h("th", {scope: "col"}, t)))),
        h("tbody", {}, rows)) : null);
    details.dataset.kind = "person";
    details.dataset.id = p.id;
    mark(personItems[i]);
  }

  function showMeeting(i) {
    const m = model.meetings[i];
    const source = (s) => h("li", {
      class: s.conflicting ? "conflicting" : null,
      dataset: {article: s.article.id, start: s.start, end: s.end, conflict: s.conflicting ? 1 : 0},
    },
    h("blockquote", {}, s.evidence),
    h("p", {class: "cite"},
      h("span", {class: "article"}, s.article.t || s.article.id),
      s.article.p ? ` · ${s.article.p}` : null,
      s.article.d ? ` · published ${s.article.d}` : null,
      ` · characters ${s.start}–${s.end}`,
      // The address is shown, not linked: nothing on this page leaves it.
      s.article.u ? [" · ", h("span", {class: "url"}, s.article.u)] : null),
    s.conflicting ? h("span", {class: "flag"}, "⚠ this source disagrees with another") : null);
    fill(details,
      h("h2", {}, `${m.date || "Undated"} · ${m.place || "place unknown"}`),
      h("p", {class: "meta"}, [statusWords(m), m.venue].filter(Boolean).join(" · ")),
      m.conflicts.length ? [h("h3", {}, "Sources disagree"),
        h("ul", {class: "conflicts"}, m.conflicts.map((c) => h("li", {}, c)))] : null,
      h("h3", {}, "Participants"),
      h("ul", {class: "participants"}, m.participants.map(({person, role}) => h("li",
        {dataset: {personId: model.people[person].id, role: role || ""}},
        linkButton(model.people[person].name, {person}), role ? ` · ${role.replace("_", " ")}` : null))),
      m.topics.length ? [h("h3", {}, "Topics"), h("ul", {class: "topics"},
        m.topics.map((t) => h("li", {}, t)))] : null,
      m.agreements.length ? [h("h3", {}, "Agreements"), h("ul", {class: "agreements"},
        m.agreements.map((a) => h("li", {}, `${a.text} (${a.kind})`)))] : null,
      h("h3", {}, `Sources (${m.sources.length})`),
      h("ol", {class: "sources"}, m.sources.map(source)));
    details.dataset.kind = "meeting";
    details.dataset.id = m.id;
    mark(meetingItems[i]);
  }

  function showNothing(hint) {
    fill(details, h("p", {class: "hint"}, hint));
    delete details.dataset.kind;
    delete details.dataset.id;
    mark(null);
  }

  return {update, showPerson, showMeeting, showNothing};
}
