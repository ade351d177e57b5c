// Substring search over many product texts without scanning them all: which texts contain a query?
// Every text is cut at whitespace into tokens; a query piece without whitespace can only occur inside one token,
// so the candidates are the texts holding a token that contains the query's longest piece (tokens found through
// their trigrams), and only those are checked with includes(). Answers equal a full scan, in text order.

/** texts (already lower-case) → ascending indices of the texts that contain a query */
export interface TextIndex {
  find(query: string): number[];
}

const trigrams = (s: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
};

export function buildTextIndex(texts: readonly (string | null)[]): TextIndex {
  const tokenIds = new Map<string, number>();
  const postings: number[][] = [];
  texts.forEach((text, i) => {
    if (text === null) return;
    for (const tok of new Set(text.split(/\s+/))) {
      if (tok === '') continue;
      let id = tokenIds.get(tok);
      if (id === undefined) {
        id = postings.length;
        tokenIds.set(tok, id);
        postings.push([]);
      }
      postings[id]!.push(i);
    }
  });
  const vocab = [...tokenIds.keys()];
  const byGram = new Map<string, number[]>();
  vocab.forEach((tok, id) => {
    for (const g of trigrams(tok)) {
      const list = byGram.get(g);
      if (list) list.push(id);
      else byGram.set(g, [id]);
    }
  });

  /** ids of the tokens that contain `piece` */
  function tokensWith(piece: string): number[] {
    if (piece.length < 3) return vocab.flatMap((t, id) => (t.includes(piece) ? [id] : []));
    let best: number[] | undefined;
    for (const g of trigrams(piece)) {
      const list = byGram.get(g);
      if (!list) return [];
      if (!best || list.length < best.length) best = list;
    }
    return (best ?? []).filter((id) => vocab[id]!.includes(piece));
  }

  return {
    find(query: string): number[] {
      const pieces = query.split(/\s+/).filter((p) => p !== '');
      if (pieces.length === 0) return texts.flatMap((t, i) => (t !== null && t.includes(query) ? [i] : []));
      const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a));
      const candidates = new Set<number>();
      for (const id of tokensWith(longest)) for (const i of postings[id]!) candidates.add(i);
      return [...candidates].filter((i) => texts[i]!.includes(query)).sort((a, b) => a - b);
    },
  };
}
