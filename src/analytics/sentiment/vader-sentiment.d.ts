// Types for npm `vader-sentiment` (a JavaScript port of VADER, Hutto & Gilbert 2014; the package ships none).
declare module 'vader-sentiment' {
  interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    /** normalised sum of valences, in [-1, 1] */
    compound: number;
  }
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores } };
  export default vader;
}
