import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures {@code GET /api/search} latency over HTTP against a running app, one request at a time, over a seeded
 * mix of queries (whole words, substrings inside words, 1-2 character Japanese, Thai, accent-stripped and upper-case
 * forms, artist names). The baseline runs beside it on the same database: the naive way, a ranked
 * {@code LIKE '%q%'} scan of the three folded name columns over JDBC (no HTTP, so the baseline is flattered).
 *
 * <p>Then browsing: {@code GET /api/tracks}, {@code /api/albums} and {@code /api/artists} for every documented
 * sort in both directions, the first page, a deep page by cursor (the nextCursor of page 10,000, that is after
 * row 500,000 of 1M tracks; the middle of the list for albums and artists) and the same deep page by page number
 * (an offset: read once per sort and timed, it is what the cursor avoids).
 *
 * <p>Usage: {@code java SearchBench BASE_URL USER PASSWORD JDBC_URL QUERIES BASELINE_QUERIES [APP_PID]}
 */
public class SearchBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = login(base, args[1], args[2]);
        String db = args[3];
        int queries = Integer.parseInt(args[4]);
        int baselineQueries = Integer.parseInt(args[5]);
        List<String> mix = queries(new Random(7), queries);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (db.startsWith("jdbc:postgresql:")) {
            vacuum(db);
        }

        for (String q : queries(new Random(99), 300)) {
            search(http, base, token, q);
        }
        long[] ours = new long[mix.size()];
        long results = 0;
        long empty = 0;
        long cpuBefore = appCpuTicks(args);
        for (int i = 0; i < mix.size(); i++) {
            long t0 = System.nanoTime();
            String body = search(http, base, token, mix.get(i));
            ours[i] = System.nanoTime() - t0;
            int found = count(body);
            results += found;
            empty += found == 0 ? 1 : 0;
        }

        long cpuTicks = appCpuTicks(args) - cpuBefore;

        // The floor under the same load: an authorised request that does next to nothing.
        long[] floor = new long[Math.min(500, mix.size())];
        long floorCpuBefore = appCpuTicks(args);
        for (int i = 0; i < floor.length; i++) {
            long t0 = System.nanoTime();
            get(http, base + "/api/me", token);
            floor[i] = System.nanoTime() - t0;
        }
        long floorCpuTicks = appCpuTicks(args) - floorCpuBefore;

        List<String> sample = mix.subList(0, Math.min(baselineQueries, mix.size()));
        long[] naive = new long[sample.size()];
        try (Connection c = DriverManager.getConnection(db)) {
            for (int i = 0; i < sample.size(); i++) {
                long t0 = System.nanoTime();
                naiveSearch(c, fold(sample.get(i)));
                naive[i] = System.nanoTime() - t0;
            }
        }
        long[] oursOnSample = Arrays.copyOf(ours, sample.size());

        System.out.printf("catalog: %s%n", db);
        System.out.printf("queries: %d (after 300 warm-up), mean results per query %.1f, %d with no result%n",
                mix.size(), results / (double) mix.size(), empty);
        System.out.printf("%-44s %8s %8s %8s %8s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms");
        row("GET /api/search (HTTP, all queries)", ours);
        if (cpuTicks >= 0) {
            // CPU the server spent, whatever the load: what a search costs on an otherwise idle core.
            System.out.printf("app CPU per search (mean, from /proc): %.2f ms; per floor request: %.2f ms%n",
                    cpuTicks * 10.0 / mix.size(), floorCpuTicks * 10.0 / floor.length);
        }
        row("GET /api/search (HTTP, baseline's queries)", oursOnSample);
        row("floor: GET /api/me (HTTP, same server)", floor);
        row("baseline: ranked LIKE '%q%' scan (JDBC)", naive);
        System.out.printf("ratio baseline/ours on the same queries: p50 %.0fx, p99 %.0fx%n",
                pct(naive, 50) / pct(oursOnSample, 50), pct(naive, 99) / pct(oursOnSample, 99));
        Integer[] order = new Integer[ours.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ours[b], ours[a]));
        StringBuilder slow = new StringBuilder();
        for (int i = 0; i < Math.min(12, order.length); i++) {
            slow.append(String.format(" '%s' %.0f ms;", mix.get(order[i]), ours[order[i]] / 1e6));
        }
        System.out.println("slowest:" + slow);
        double p99 = pct(ours, 99) / 1e6;
        System.out.printf("target p99 < 50 ms: %s (%.1f ms)%n", p99 < 50 ? "MET" : "MISSED", p99);
        if (!"0".equals(System.getenv("BROWSE_REPEATS"))) {
            browse(http, base, token, Integer.parseInt(System.getenv().getOrDefault("BROWSE_REPEATS", "20")));
        }
    }

    /**
     * Brings PostgreSQL to the steady state the bench measures: fresh statistics and a visibility map (index-only
     * scans). A migration that rewrites a table (V8.1 on tracks) leaves it with neither, and autovacuum does not
     * come back to a table nobody writes to. Quick when nothing changed since the last run.
     */
    static void vacuum(String db) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db); java.sql.Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
        System.out.printf("VACUUM (ANALYZE) in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** p50/p99 of first and deep pages for every sort of the three lists; see the class comment. */
    static void browse(HttpClient http, String base, String token, int repeats) throws Exception {
        String[][] lists = {
            {"/api/tracks", "title", "artist", "album", "year", "durationMs", "createdAt"},
            {"/api/albums", "title", "artist", "year", "createdAt"},
            {"/api/artists", "name"},
        };
        System.out.printf("%nbrowse, 50 per page, %d requests each (ms):%n", repeats);
        System.out.printf("%-28s %9s %9s %9s %9s %12s%n", "", "first p50", "first p99", "deep p50", "deep p99",
                "offset once");
        List<Double> allFirst = new ArrayList<>();
        List<Double> allDeep = new ArrayList<>();
        for (String[] list : lists) {
            String path = list[0];
            long total = Long.parseLong(field(get(http, base + path + "?size=1", token), "total"));
            long deepPage = Math.min(10_000, total / 2 / 50);
            for (int i = 1; i < list.length; i++) {
                for (String sort : List.of(list[i], "-" + list[i])) {
                    String first = base + path + "?size=50&sort=" + sort;
                    long[] firstTimes = new long[repeats];
                    for (int k = 0; k < repeats; k++) {
                        long t0 = System.nanoTime();
                        get(http, first, token);
                        firstTimes[k] = System.nanoTime() - t0;
                    }
                    long t0 = System.nanoTime();
                    String offsetBody = get(http, first + "&page=" + deepPage, token);
                    long offsetTime = System.nanoTime() - t0;
                    String cursor = field(offsetBody, "nextCursor");
                    long[] deepTimes = new long[repeats];
                    for (int k = 0; k < repeats; k++) {
                        t0 = System.nanoTime();
                        get(http, first + "&cursor=" + cursor, token);
                        deepTimes[k] = System.nanoTime() - t0;
                    }
                    System.out.printf("%-28s %9.1f %9.1f %9.1f %9.1f %12.1f%n", path + " " + sort,
                            pct(firstTimes, 50) / 1e6, pct(firstTimes, 99) / 1e6, pct(deepTimes, 50) / 1e6,
                            pct(deepTimes, 99) / 1e6, offsetTime / 1e6);
                    allFirst.add(pct(firstTimes, 99) / 1e6);
                    allDeep.add(pct(deepTimes, 99) / 1e6);
                }
            }
        }
        System.out.printf("worst p99 over every sort: first page %.1f ms, deep page by cursor %.1f ms%n",
                allFirst.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                allDeep.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /** A top-level string or number field of a JSON object, found by name (the bench has no JSON library). */
    static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + body.substring(0, Math.min(200, body.length())));
        }
        return m.group(1);
    }

    /** User + system CPU of the app process in clock ticks (1/100 s), or -1 when no pid was given. */
    static long appCpuTicks(String[] args) throws Exception {
        if (args.length < 7) {
            return -1;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + args[6] + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** A seeded mix of what people type. */
    static List<String> queries(Random r, int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            int kind = r.nextInt(100);
            String q;
            if (kind < 20) {
                q = Words.pick(r, r.nextBoolean() ? Words.LATIN : Words.CYRILLIC);
            } else if (kind < 32) {
                q = upperOrStripped(r, Words.pick(r, Words.LATIN));
            } else if (kind < 50) {
                q = slice(r, Words.pick(r, r.nextInt(3) == 0 ? Words.CYRILLIC : Words.LATIN), 3, 5);
            } else if (kind < 65) {
                q = slice(r, Words.pick(r, Words.JAPANESE), 1, 2);
            } else if (kind < 72) {
                q = Words.pick(r, Words.JAPANESE);
            } else if (kind < 80) {
                q = slice(r, Words.pick(r, Words.THAI), 2, 4);
            } else if (kind < 90) {
                q = r.nextBoolean() ? Words.pick(r, Words.FIRST) : Words.pick(r, Words.LAST);
            } else if (kind < 95) {
                q = Words.pick(r, Words.LATIN) + " " + Words.pick(r, Words.LATIN);
            } else {
                q = "zzq" + r.nextInt(1000);
            }
            if (!q.isBlank()) {
                out.add(q);
            }
        }
        return out;
    }

    static String upperOrStripped(Random r, String w) {
        if (r.nextBoolean()) {
            return w.toUpperCase(Locale.ROOT);
        }
        return Normalizer.normalize(w, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static String slice(Random r, String w, int min, int max) {
        int[] cps = w.codePoints().toArray();
        int len = Math.min(cps.length, min + r.nextInt(max - min + 1));
        int from = r.nextInt(cps.length - len + 1);
        return new String(cps, from, len);
    }

    /** What the baseline compares with: the app's fold, approximated (the baseline runs outside the app). */
    static String fold(String s) {
        try {
            return (String) Class.forName("io.teammusic.shared.Text").getMethod("fold", String.class)
                    .invoke(null, s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void naiveSearch(Connection c, String q) throws Exception {
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        for (String sql : List.of(
                "SELECT id FROM tracks WHERE title_norm LIKE ? ESCAPE '\\' ORDER BY length(title_norm) LIMIT 20",
                "SELECT id FROM albums WHERE title_norm LIKE ? ESCAPE '\\' ORDER BY length(title_norm) LIMIT 20",
                "SELECT id FROM artists WHERE name_norm LIKE ? ESCAPE '\\' ORDER BY length(name_norm) LIMIT 20")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, like);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        }
    }

    static String login(String base, String user, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\""
                        + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode());
        }
        return m.group(1);
    }

    static String search(HttpClient http, String base, String token, String q) throws Exception {
        return get(http, base + "/api/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
    }

    static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Tracks + albums + artists in a response, counted by their "id" keys at the top of each item. */
    static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("{\"id\""); i >= 0; i = body.indexOf("{\"id\"", i + 1)) {
            n++;
        }
        return n;
    }

    static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }

    static void row(String name, long[] nanos) {
        System.out.printf("%-44s %8.2f %8.2f %8.2f %8.2f%n", name, pct(nanos, 50) / 1e6, pct(nanos, 95) / 1e6,
                pct(nanos, 99) / 1e6, pct(nanos, 100) / 1e6);
    }
}
