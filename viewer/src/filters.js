// What the search box and the date range leave visible: one pass over people and meetings.

import {dateSpan, matches, queryTokens} from "./model.js";

/**
 * Parse the range fields. Returns {lo, hi, invalid}: the first day of `since`, the last day
 * of `until` (null when empty), and the names of the fields that are not ISO dates.
 */
export function parseRange(since, until) {
  const invalid = [];
  const bound = (text, name, end) => {
    const value = text.trim();
    if (!value) return null;
    const span = dateSpan(value);
    if (!span) invalid.push(name);
    return span ? span[end] : null;
  };
  const lo = bound(since, "since", 0);
  const hi = bound(until, "until", 1);
  if (lo && hi && lo > hi) invalid.push("until");
  return {lo, hi, invalid};
}

export function createFilters(model) {
  const {people, meetings, pairs} = model;
  const state = {
    tokens: [],
    lo: null,
    hi: null,
    inRange: new Uint8Array(meetings.length), // the meeting's date overlaps the range
    meetingShown: new Uint8Array(meetings.length), // ... and it matches the search
    count: new Int32Array(people.length), // a person's meetings in the range
    inPlay: new Uint8Array(people.length), // has meetings in the range, or none at all
    personShown: new Uint8Array(people.length), // ... and matches the search
    searched: new Uint8Array(people.length), // matches the search, whatever the range
    pairCount: new Int32Array(pairs.length), // meetings together in the range
  };

  /** Apply a search and a range ({lo, hi} from parseRange); return the state. */
  state.apply = ({query, lo, hi}) => {
    const tokens = queryTokens(query);
    Object.assign(state, {tokens, lo, hi});
    const ranged = lo !== null || hi !== null;
    for (const m of meetings) {
      // Undated meetings fall outside any range, as in the queries.
      const ok = !ranged || (m.span !== null && (lo === null || m.span[1] >= lo)
        && (hi === null || m.span[0] <= hi));
      state.inRange[m.i] = ok ? 1 : 0;
      state.meetingShown[m.i] = ok && matches(m.hay, tokens) ? 1 : 0;
    }
    for (const p of people) {
      let n = 0;
      for (const m of p.meetings) n += state.inRange[m];
      state.count[p.i] = n;
      state.inPlay[p.i] = n > 0 || p.total === 0 ? 1 : 0;
      state.searched[p.i] = matches(p.hay, tokens) ? 1 : 0;
      state.personShown[p.i] = state.inPlay[p.i] && state.searched[p.i];
    }
    pairs.forEach((pair, k) => {
      let n = 0;
      for (const m of pair.meetings) n += state.inRange[m];
      state.pairCount[k] = n;
    });
    return state;
  };
  return state;
}
