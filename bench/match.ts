// `npm run bench -- match`: the scale bar (1M listings across 5 platforms, ≤ 120 s, ≤ 8 GB) is match-scale.
import './match-scale.js';
