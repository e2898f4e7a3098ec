package dev.policypulse.ingestion.source;

/**
 * What is wrong with one field of a request.
 *
 * @param field the field, as named in the request
 * @param message what is wrong with it
 */
record FieldProblem(String field, String message) {

}
