package dev.policypulse.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the load harness measures: the services' Prometheus endpoints and the
 * processes' CPU time and memory from {@code /proc}.
 */
final class LoadMetrics {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private LoadMetrics() {
	}

	/** The text of {@code url}'s Prometheus endpoint, empty if it cannot be read. */
	static String scrape(String baseUrl) {
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * The sum of the samples of {@code metric} whose labels contain every one of
	 * {@code labels} (such as {@code kind="alert"}).
	 */
	static double sum(String text, String metric, String... labels) {
		double sum = 0;
		for (String line : text.split("\n")) {
			Double value = value(line, metric, labels);
			if (value != null && !value.isNaN() && !value.isInfinite()) {
				sum += value;
			}
		}
		return sum;
	}

	/** The largest sample of {@code metric}, or NaN if there is none. */
	static double max(String text, String metric) {
		double max = Double.NaN;
		for (String line : text.split("\n")) {
			Double value = value(line, metric);
			if (value != null && !value.isNaN() && !value.isInfinite()) {
				max = Double.isNaN(max) ? value : Math.max(max, value);
			}
		}
		return max;
	}

	/** A histogram's cumulative bucket counts by upper bound. */
	static TreeMap<Double, Double> buckets(String text, String histogram) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		String name = histogram + "_bucket";
		for (String line : text.split("\n")) {
			Double value = value(line, name);
			if (value == null) {
				continue;
			}
			int le = line.indexOf("le=\"");
			String bound = line.substring(le + 4, line.indexOf('"', le + 4));
			double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
			buckets.merge(upper, value, Double::sum);
		}
		return buckets;
	}

	/** {@code after} minus {@code before}, bucket by bucket. */
	static TreeMap<Double, Double> delta(Map<Double, Double> before, Map<Double, Double> after) {
		TreeMap<Double, Double> delta = new TreeMap<>();
		after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
		return delta;
	}

	/**
	 * The {@code q} quantile of cumulative buckets, interpolated linearly within the
	 * bucket it falls in; NaN without samples.
	 */
	static double quantile(Map<Double, Double> cumulative, double q) {
		double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
		if (total <= 0) {
			return Double.NaN;
		}
		double rank = q * total;
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : new TreeMap<>(cumulative).entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey().isInfinite()) {
					return lowerBound;
				}
				double inBucket = bucket.getValue() - lowerCount;
				double share = (inBucket <= 0) ? 1 : (rank - lowerCount) / inBucket;
				return lowerBound + (bucket.getKey() - lowerBound) * share;
			}
			lowerBound = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return lowerBound;
	}

	private static Double value(String line, String metric, String... labels) {
		if (!line.startsWith(metric) || line.length() == metric.length()) {
			return null;
		}
		char next = line.charAt(metric.length());
		if (next != '{' && next != ' ') {
			return null;
		}
		for (String label : labels) {
			if (!line.contains(label)) {
				return null;
			}
		}
		int space = line.lastIndexOf(' ');
		try {
			return Double.parseDouble(line.substring(space + 1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** CPU time and memory of a process (and the children it waited for) from /proc. */
	record ProcStat(double cpuSeconds, long rssKb, long hwmKb) {

		static final double TICKS_PER_SECOND = 100.0;

		static ProcStat read(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// fields from state (3rd in proc(5)): utime 14, stime 15, cutime 16,
				// cstime 17
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
						+ Long.parseLong(fields[14]);
				long rss = 0;
				long hwm = 0;
				for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
					if (line.startsWith("VmRSS:")) {
						rss = kilobytes(line);
					}
					else if (line.startsWith("VmHWM:")) {
						hwm = kilobytes(line);
					}
				}
				return new ProcStat(ticks / TICKS_PER_SECOND, rss, hwm);
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		private static long kilobytes(String line) {
			return Long.parseLong(line.replaceAll("[^0-9]", ""));
		}

	}

	/**
	 * Total CPU time of a process and its live descendants, with the largest RSS among
	 * them (PostgreSQL's processes share their buffers, so summing would count them
	 * repeatedly).
	 */
	static ProcStat readTree(long pid) {
		ProcStat root = ProcStat.read(pid);
		if (root == null) {
			return null;
		}
		double cpu = root.cpuSeconds();
		long rss = root.rssKb();
		List<ProcessHandle> children = ProcessHandle.of(pid).map((p) -> p.descendants().toList()).orElse(List.of());
		for (ProcessHandle child : children) {
			ProcStat stat = ProcStat.read(child.pid());
			if (stat != null) {
				cpu += stat.cpuSeconds();
				rss = Math.max(rss, stat.rssKb());
			}
		}
		return new ProcStat(cpu, rss, Math.max(root.hwmKb(), rss));
	}

}
