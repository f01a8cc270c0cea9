package dev.lockstep.cli;

import dev.lockstep.cli.log.Redactor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one command's result to stdout as text or as one JSON document. */
final class Output {
    private Output() {
    }

    /**
     * Loaded by the first JSON output only: Jackson's few hundred classes cost text output a tenth of a second, and
     * even a {@code catch} of one of its exceptions loads classes of it.
     */
    private static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .registerModule(new ResultJson());

        static String write(Object document) {
            try {
                return MAPPER.writeValueAsString(document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON output", e);
            }
        }
    }

    static void json(PrintWriter out, Object document) {
        out.println(Redactor.redact(Json.write(document)));
        out.flush();
    }

    static void text(PrintWriter out, String text) {
        String redacted = Redactor.redact(text);
        out.print(redacted.endsWith("\n") ? redacted : redacted + "\n");
        out.flush();
    }

    /** A JSON object with keys in the order written, for a document that is a format of its own (SARIF). */
    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }
}
