// The payload of kg/view.py, read into the records the page works with (see the docstring of
// kg/view.py for its shape), and the few rules the page applies to them: date spans, spelling
// folding for search, and who met whom.

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const pad = (n) => String(n).padStart(2, "0");

/**
 * The first and last day a date covers at its precision, as "YYYY-MM-DD" strings, or null.
 *
 *   dateSpan("2024-02") -> ["2024-02-01", "2024-02-29"]; dateSpan("2024-13") -> null
 *
 * The same rule as kg.io.date_span and the queries: a month or a year spans its days.
 */
export function dateSpan(text) {
  const match = ISO.exec(text || "");
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  if (m === undefined) return [`${y}-01-01`, `${y}-12-31`];
  const month = Number(m);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (d === undefined) return [`${y}-${m}-01`, `${y}-${m}-${pad(last)}`];
  const day = Number(d);
  return day >= 1 && day <= last ? [text, text] : null;
}

// Letters that Unicode does not decompose into a base letter and a mark.
const SPECIAL = {ł: "l", đ: "d", ø: "o", ß: "ss", æ: "ae", œ: "oe", ı: "i", þ: "th", ð: "d", ħ: "h"};

/**
 * Lowercase, without diacritics, words separated by one space: how search compares text.
 *
 *   fold("Alaksandar  Łukašenka") -> "alaksandar lukasenka"
 *
 * Other scripts keep their letters; the payload's "k" adds each spelling's ASCII form from
 * Python (kg.names.name_key), so a query in Latin letters finds them too.
 */
export function fold(text) {
  return String(text || "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łđøßæœıþðħ]/g, (c) => SPECIAL[c])
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a query, folded; an empty list matches everything. */
export function queryTokens(query) {
  const folded = fold(query);
  return folded ? folded.split(" ") : [];
}

/** Whether every token occurs in the haystack. */
export function matches(haystack, tokens) {
  return tokens.every((token) => haystack.includes(token));
}

const STATUS_WORDS = {in_person: "", phone_call: "phone call", video: "video call"};

/** Build the page's records from the payload. */
export function buildModel(data) {
  const articles = data.articles || [];
  const topics = data.topics || [];
  const people = (data.people || []).map((p, i) => {
    const aliases = p.a || [];
    const spellings = [p.n, ...aliases].map(fold);
    return {
      i,
      id: p.id,
      name: p.n,
      aliases,
      titles: p.ti || [],
      countries: p.c || [],
      total: p.m || 0,
      meetings: [],
      // "|" between spellings: a query word never matches across two of them.
      hay: `|${[...spellings, ...(p.k || "").split("|")].join("|")}|`,
    };
  });
  const meetings = (data.meetings || []).map((m, i) => ({
    i,
    id: m.id,
    date: m.d || null,
    span: dateSpan(m.d),
    status: m.s || "held",
    mode: m.o || "in_person",
    modeWords: STATUS_WORDS[m.o || "in_person"] ?? String(m.o).replace("_", " "),
    historical: Boolean(m.h),
    place: m.l || null,
    venue: m.v || null,
    topics: (m.t || []).map((t) => topics[t]),
    agreements: (m.g || []).map(([kind, text]) => ({kind, text})),
    participants: (m.p || []).map(([person, role]) => ({person, role: role || null})),
    sources: (m.r || []).map(([article, evidence, start, end, conflicting]) => ({
      article: articles[article] || {id: String(article)},
      evidence,
      start,
      end,
      conflicting: Boolean(conflicting),
    })),
    conflicts: m.x || [],
  }));

  // Who met whom: one pair per two people at a meeting, with the meetings they shared.
  const pairs = new Map();
  for (const meeting of meetings) {
    const who = meeting.participants.map((p) => p.person);
    for (const p of who) people[p].meetings.push(meeting.i);
    for (let a = 0; a < who.length; a++) {
      for (let b = a + 1; b < who.length; b++) {
        const [x, y] = who[a] < who[b] ? [who[a], who[b]] : [who[b], who[a]];
        const key = `${x},${y}`;
        if (!pairs.has(key)) pairs.set(key, {a: x, b: y, meetings: []});
        pairs.get(key).meetings.push(meeting.i);
      }
    }
    const words = [meeting.place, meeting.venue, meeting.date, ...meeting.topics].map(fold);
    meeting.hay = `|${words.join("|")}|${who.map((p) => people[p].hay).join("")}`;
  }

  const dates = meetings.filter((m) => m.span).map((m) => m.span);
  return {
    filter: data.filter || {},
    countries: data.countries || [],
    articles,
    people,
    meetings,
    pairs: [...pairs.values()],
    first: dates.length ? dates.reduce((lo, s) => (s[0] < lo ? s[0] : lo), dates[0][0]) : null,
    last: dates.length ? dates.reduce((hi, s) => (s[1] > hi ? s[1] : hi), dates[0][1]) : null,
  };
}
