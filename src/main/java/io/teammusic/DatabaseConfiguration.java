package io.teammusic;

import java.sql.SQLException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * Spring knows PostgreSQL's error codes but not SQLite's, so a unique violation there would surface as an
     * uncategorised error. Code that relies on {@link DuplicateKeyException} (a taken user name, two concurrent
     * uploads of the same bytes) must see it on both databases.
     */
    @Bean
    SQLExceptionTranslator sqlExceptionTranslator() {
        SQLErrorCodeSQLExceptionTranslator fallback = new SQLErrorCodeSQLExceptionTranslator();
        return (task, sql, ex) -> {
            DataAccessException sqlite = translateSqlite(task, sql, ex);
            return sqlite != null ? sqlite : fallback.translate(task, sql, ex);
        };
    }

    static DataAccessException translateSqlite(String task, String sql, SQLException ex) {
        String msg = ex.getMessage() == null ? "" : ex.getMessage();
        if (ex.getErrorCode() != 19 || !msg.startsWith("[SQLITE_CONSTRAINT")) {
            return null;
        }
        String text = task + "; " + msg;
        if (msg.startsWith("[SQLITE_CONSTRAINT_UNIQUE]") || msg.startsWith("[SQLITE_CONSTRAINT_PRIMARYKEY]")) {
            return new DuplicateKeyException(text, ex);
        }
        return new DataIntegrityViolationException(text, ex);
    }
}
