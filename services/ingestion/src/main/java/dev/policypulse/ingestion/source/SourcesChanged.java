package dev.policypulse.ingestion.source;

/** Published as an application event after the registry's sources changed. */
public record SourcesChanged() {

}
