package dev.lockstep.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTokenizerTest {

    @Test
    void keepsCodeTokensWithTheirOffsetsAndDropsComments() {
        var tokens = SqlTokenizer.tokenize("ALTER /* c */ TABLE \"T\" -- x\n ADD c int DEFAULT 'a;b'", SqlDialect.POSTGRESQL);

        assertThat(tokens).extracting(SqlToken::text)
                .containsExactly("ALTER", "TABLE", "\"T\"", "ADD", "c", "int", "DEFAULT", "'a;b'");
        assertThat(tokens.get(1).offset()).isEqualTo(14);
        assertThat(tokens.get(2).type()).isEqualTo(SqlToken.Type.QUOTED);
        assertThat(tokens.get(1).is("table")).isTrue();
    }

    @Test
    void wordsInsideMysqlExecutableCommentsAreCode() {
        assertThat(SqlTokenizer.tokenize("ALTER TABLE t ADD c int /*!80029 , ALGORITHM=INSTANT */", SqlDialect.MYSQL))
                .extracting(SqlToken::upper).contains("ALGORITHM", "=", "INSTANT");
    }
}
