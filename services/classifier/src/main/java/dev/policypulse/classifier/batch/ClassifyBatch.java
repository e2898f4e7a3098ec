package dev.policypulse.classifier.batch;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.classifier.engine.ClassificationEngine;

/**
 * Classifies a JSON Lines file from standard input to standard output in plain Java: no
 * Spring context, broker, database or network.
 *
 * <pre>
 * java -jar services/classifier/target/classifier-0.1.0-SNAPSHOT-exec.jar classify-batch &lt; items.jsonl &gt; predictions.jsonl
 * </pre>
 *
 * <p>
 * <b>Input</b>: UTF-8, one JSON object per line with {@code id} (a non-blank string or an
 * integer), {@code title} (a string, {@code null} or absent) and {@code body} (a string,
 * {@code null} or absent), optionally {@code published} or {@code publishedAt} (an ISO
 * date or date-time; not a date counts as absent); other fields are ignored. Blank lines
 * are skipped. The input is streamed, one line in memory at a time.
 *
 * <p>
 * <b>Output</b>: one JSON object per classified line, in input order, starting with
 * {@code id} (as given), {@code jurisdictions} (codes, strongest first), {@code primary}
 * (the acting jurisdiction's code or {@code null}), {@code is_policy_move},
 * {@code topics} (codes, strongest first), then {@code roles} (code to
 * {@code actor}/{@code counterparty}/{@code mentioned}), {@code severity},
 * {@code classifier_version}, and the full tags with confidences and evidence spans in
 * {@code jurisdiction_tags} and {@code topic_tags}.
 *
 * <p>
 * <b>Malformed lines</b> (not JSON, not an object, no usable {@code id}, a title or body
 * that is not a string, bytes that are not UTF-8, longer than {@value #MAX_LINE_BYTES}
 * bytes, or a text the engine fails on) produce <em>no</em> output line. Each gets one
 * line on standard error, such as {@code classify-batch: line 7: not JSON: ...}, and the
 * batch carries on; match outputs to inputs by {@code id}. A summary line goes to
 * standard error at the end. The exit status is 0; it is 2 only when further arguments
 * follow {@code classify-batch} or standard input or output fails.
 *
 * <p>
 * {@code classifier_version} is the engine's knowledge version, or the value of the
 * service's own {@value #VERSION_VARIABLE} environment variable when set.
 *
 * <p>
 * Standard output carries the predictions and nothing else: for the run,
 * {@code System.out} is pointed at standard error, so that nothing a library prints can
 * get mixed into the predictions.
 */
public final class ClassifyBatch {

	/** The first command-line argument that selects batch mode. */
	public static final String COMMAND = "classify-batch";

	/**
	 * The version reported with every prediction unless {@value #VERSION_VARIABLE} says
	 * otherwise: the engine's knowledge version, which the service reports too unless
	 * configured otherwise.
	 */
	static final String CLASSIFIER_VERSION = ClassificationEngine.knowledgeVersion();

	/**
	 * The environment variable that sets {@code policypulse.classifier.version} for the
	 * service, honoured here too so that both modes report the same version.
	 */
	static final String VERSION_VARIABLE = "POLICYPULSE_CLASSIFIER_VERSION";

	static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

	private static final int MAX_DETAIL = 160;

	private final ClassificationEngine engine;

	private final String classifierVersion;

	private final int maxLineBytes;

	private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	ClassifyBatch(ClassificationEngine engine, String classifierVersion, int maxLineBytes) {
		this.engine = engine;
		this.classifierVersion = classifierVersion;
		this.maxLineBytes = maxLineBytes;
	}

	/** Whether the command line asks for batch mode. */
	public static boolean isRequested(String[] args) {
		return args.length > 0 && COMMAND.equals(args[0]);
	}

	/**
	 * Runs the batch over this process's standard streams.
	 * @param args the command line, starting with {@link #COMMAND}
	 * @return the exit status
	 */
	public static int run(String[] args) {
		PrintStream err = System.err;
		if (args.length > 1) {
			err.println(COMMAND + ": takes no arguments; it reads JSON lines from standard input, got "
					+ String.join(" ", Arrays.asList(args).subList(1, args.length)));
			return 2;
		}
		OutputStream stdout = new FileOutputStream(FileDescriptor.out);
		System.setOut(err);
		ClassifyBatch batch = new ClassifyBatch(ClassificationEngine.create(), classifierVersion(System.getenv()),
				MAX_LINE_BYTES);
		try {
			batch.run(System.in, stdout, err);
			return 0;
		}
		catch (IOException ex) {
			err.println(COMMAND + ": " + ex);
			return 2;
		}
	}

	static String classifierVersion(Map<String, String> environment) {
		String configured = environment.get(VERSION_VARIABLE);
		return (configured != null && !configured.isBlank()) ? configured.strip() : CLASSIFIER_VERSION;
	}

	/**
	 * Classifies every line of {@code in}, writing predictions to {@code out} and
	 * diagnostics to {@code err}. Flushes {@code out} but does not close it.
	 * @param in JSON lines
	 * @param out receives one JSON line per classified input line
	 * @param err receives one line per rejected input line, and a summary
	 * @return what happened
	 * @throws IOException if reading {@code in} or writing {@code out} fails
	 */
	Summary run(InputStream in, OutputStream out, PrintStream err) throws IOException {
		LineSplitter lines = new LineSplitter(in, this.maxLineBytes);
		OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
		long classified = 0;
		long rejected = 0;
		while (lines.next()) {
			if (lines.blank()) {
				continue;
			}
			try {
				buffered.write(classify(lines));
				buffered.write('\n');
				classified++;
			}
			catch (RejectedLineException ex) {
				err.println(COMMAND + ": line " + lines.number() + ": " + ex.getMessage());
				rejected++;
			}
		}
		buffered.flush();
		Summary summary = new Summary(classified, rejected);
		err.println(COMMAND + ": " + summary.classified() + " classified, " + summary.rejected() + " rejected");
		return summary;
	}

	private byte[] classify(LineSplitter line) {
		if (line.truncated()) {
			throw new RejectedLineException("longer than " + this.maxLineBytes + " bytes");
		}
		JsonNode item;
		try {
			item = this.json.readTree(line.bytes(), 0, line.length());
		}
		catch (JacksonException ex) {
			throw new RejectedLineException("not JSON: " + detail(ex.getOriginalMessage()));
		}
		if (!item.isObject()) {
			throw new RejectedLineException(
					"expected a JSON object, got " + item.getNodeType().name().toLowerCase(Locale.ROOT));
		}
		JsonNode id = item.get("id");
		if (id == null || !((id.isString() && !id.stringValue().isBlank()) || id.isIntegralNumber())) {
			throw new RejectedLineException("\"id\" must be a non-blank string or an integer");
		}
		String title = text(item, "title", id);
		String body = text(item, "body", id);
		LocalDate published = date(item);
		Classification result;
		try {
			result = this.engine.classify(title, body, published);
		}
		catch (RuntimeException ex) {
			throw new RejectedLineException("id " + id + ": classification failed: " + detail(String.valueOf(ex)));
		}
		return this.json.writeValueAsBytes(Prediction.of(id, result, this.classifierVersion));
	}

	private static String text(JsonNode item, String field, JsonNode id) {
		JsonNode value = item.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new RejectedLineException("id " + id + ": \"" + field + "\" must be a string or null");
		}
		return value.stringValue();
	}

	/**
	 * The item's publication date from {@code published} or {@code publishedAt} (an ISO
	 * date or date-time), which settles officials' surnames; {@code null} when absent or
	 * not a date, as for the service's items without one.
	 */
	private static LocalDate date(JsonNode item) {
		for (String field : new String[] { "published", "publishedAt" }) {
			JsonNode value = item.get(field);
			if (value != null && value.isString() && value.stringValue().length() >= 10) {
				try {
					return LocalDate.parse(value.stringValue().substring(0, 10));
				}
				catch (DateTimeParseException ex) {
					// not a date: classify without one
				}
			}
		}
		return null;
	}

	private static String detail(String message) {
		String flat = String.valueOf(message).replaceAll("\\s+", " ").strip();
		return (flat.length() <= MAX_DETAIL) ? flat : flat.substring(0, MAX_DETAIL) + "...";
	}

	/**
	 * Counts of one run.
	 *
	 * @param classified lines written to the output
	 * @param rejected lines reported as malformed
	 */
	record Summary(long classified, long rejected) {
	}

	private static final class RejectedLineException extends RuntimeException {

		RejectedLineException(String message) {
			super(message, null, false, false);
		}

	}

}
