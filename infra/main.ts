import { labApp } from './lab-app';

// `npx cdk synth|deploy|destroy` runs this (cdk.json); the App synthesizes when the process ends.
labApp();
