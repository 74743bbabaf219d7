// The CLI colours its output when the terminal can show it, and also whenever a CI variable is set
// (picocolors' rule); tests read that output as text, so they ask for none, whatever runs them.
process.env.NO_COLOR = '1';
