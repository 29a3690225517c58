/** The HTML timeline report: a small data model of stories, instances and decisions, and its renderer. */
package io.warmgate.cli.report;
