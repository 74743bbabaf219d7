// Lab steps log structured JSON for CloudWatch; in tests that is noise unless asked for.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
