/**
 * A scenario whose every piece of text tries to break out of where a report puts it: HTML and
 * script tags, Markdown table pipes and line breaks, spreadsheet formulas, quotes.
 */
export const HOSTILE = JSON.stringify({
  title: 'Pipes | and <script>alert(1)</script>',
  description: 'Has <b>raw html</b>, a [bad link](javascript:alert(1)) and *emphasis*.',
  sources: [
    {
      id: 'src',
      title: 'A "quoted" | title <i>',
      author: '=HYPERLINK("http://evil.example")',
      url: 'javascript:alert(1)',
      note: 'note with <iframe src="https://evil.example"></iframe>',
    },
  ],
  parameters: {
    p: {
      value: 0.5,
      range: [0.1, 0.9],
      label: "=cmd|' /C calc'!A0",
      source: 'src',
      note: 'line one\nline | two <img src=x onerror=alert(1)>',
    },
    q: '1 - p',
  },
  root: {
    type: 'decision',
    label: '<script>alert(1)</script>',
    options: [
      {
        label: "=cmd|' /C calc'!A0",
        type: 'chance',
        branches: [
          { label: 'Yes, "quoted"', probability: 'p', type: 'outcome', payoff: -5 },
          { label: 'No\nnewline', probability: 'q', type: 'outcome', payoff: 3 },
        ],
      },
      {
        label: 'Safe | option',
        type: 'chance',
        note: '<img src=x onerror=alert(1)>',
        branches: [
          { label: '@risk', probability: 0.25, type: 'outcome', payoff: 2, note: 'a | pipe' },
          { label: '+plus', probability: '#', type: 'outcome', payoff: 0 },
        ],
      },
    ],
  },
});
