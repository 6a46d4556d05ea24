package com.ptsl.gateway.pci;

import com.ptsl.gateway.pci.TypedCards.TypedCard;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random short texts with random Luhn-valid numbers typed in every form: none comes out readable. Texts made only of
 * PayTrace's own numbers: all come out unchanged. Checked against {@link CardNumberOracle} and against the expected
 * mask computed from the generated text itself, never against the scrubber's own rules.
 */
class PanScrubberPropertiesTest {

    /** Filler without digits: whatever a person writes around a card number, punctuation glued to it included. */
    private static final List<String> WORDS = List.of("card", "paid with", "Visa", "thanks!", "ref:", "(", ")", "#",
            "\"", "no.", "Kevin's", "tel", "x", "\n", "\u2014", "card number is", "pls charge", ":", ",", ".", "-",
            "/", " ", "\t", "**", "card#", "\u00A0", "  ", "ccnum=", "\"number\":\"", "_");

    /** One piece of a text: a card (with where it is) or filler. */
    record Piece(TypedCard card, String text) {
    }

    // --- no card number survives ------------------------------------------------------------------------

    @Property(tries = 5_000)
    void noTypedCardNumberSurvivesInTextWithoutOtherDigits(@ForAll("textsWithCards") List<Piece> pieces) {
        String text = join(pieces);

        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).hasSameSizeAs(text);
        assertThat(CardNumberOracle.luhnValidSequences(scrubbed.text())).isEmpty();
        assertEveryCardMaskedAndNothingElseChanged(pieces, scrubbed.text(), false);
        assertThat(scrubbed.pansScrubbed()).isPositive();
        pieces.stream().filter(p -> p.card() != null)
                .forEach(p -> Statistics.label("form").collect(p.card().form()));
    }

    @Property(tries = 2_000)
    void cardNumbersAmongPayTracesOwnNumbersAreMaskedAndThoseNumbersAreNot(
            @ForAll("textsWithCardsAndPayTraceNumbers") List<Piece> pieces) {
        String text = join(pieces);

        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).hasSameSizeAs(text);
        assertEveryCardMaskedAndNothingElseChanged(pieces, scrubbed.text(), true);
        assertThat(scrubbed.pansScrubbed()).isEqualTo((int) pieces.stream().filter(p -> p.card() != null).count());
    }

    // --- PayTrace's own numbers stay ---------------------------------------------------------------------

    @Property(tries = 5_000)
    void textsMadeOnlyOfPayTracesNumbersComeOutUnchanged(@ForAll("payTraceTexts") String text) {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).isSameAs(text);
        assertThat(scrubbed.pansScrubbed()).isZero();
    }

    // --- the mask itself ----------------------------------------------------------------------------------

    @Property(tries = 2_000)
    void scrubbingKeepsLengthAndNonDigitsAndIsIdempotentOnAnyText(@ForAll("anyTexts") String text) {
        String once = PanScrubber.scrubText(text).text();
        PanScrubber.ScrubbedText twice = PanScrubber.scrubText(once);

        assertThat(once).hasSameSizeAs(text);
        for (int k = 0; k < text.length(); k++) {
            char before = text.charAt(k);
            char after = once.charAt(k);
            if (after != before) {
                assertThat(before).as("only digits are masked, at %d", k).isBetween('0', '9');
                assertThat(after).isEqualTo('*');
            }
        }
        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.pansScrubbed()).isZero();
    }

    /**
     * The fuzz of issue 8 done again: 20,000 random Luhn-valid numbers in short texts, a fifth in each form, with
     * every separator. It found about 11,000 unmasked before.
     */
    @Example
    void theIssuesFuzzOf20000NumbersFindsNoLeak() {
        Random random = new Random(8);
        Map<TypedCards.Form, Integer> leaks = new EnumMap<>(TypedCards.Form.class);
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            TypedCard card = TypedCards.random(random);
            String text = WORDS.get(random.nextInt(WORDS.size())) + " " + card.text() + " "
                    + WORDS.get(random.nextInt(WORDS.size()));
            String scrubbed = PanScrubber.scrubText(text).text();
            if (!CardNumberOracle.luhnValidSequences(scrubbed).isEmpty() || scrubbed.contains(card.digits())) {
                leaks.merge(card.form(), 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add(card.toString());
                }
            }
        }
        assertThat(leaks).as("leaks by form, e.g. %s", examples).isEmpty();
    }

    // --- generators -----------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Piece>> textsWithCards() {
        Arbitrary<Piece> card = TypedCards.typedCards().map(c -> new Piece(c, c.text()));
        Arbitrary<Piece> filler = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3)
                .map(words -> new Piece(null, String.join("", words)));
        // filler card (filler card)* filler?: cards never touch each other directly (that would be one number).
        return Combinators.combine(filler.optional(), Combinators.combine(card, filler).as(Tuple::of).list()
                        .ofMinSize(1).ofMaxSize(3))
                .as((first, rest) -> {
                    List<Piece> pieces = new ArrayList<>();
                    first.ifPresent(pieces::add);
                    rest.forEach(t -> {
                        pieces.add(t.get1());
                        pieces.add(t.get2());
                    });
                    return pieces;
                });
    }

    @Provide
    Arbitrary<List<Piece>> textsWithCardsAndPayTraceNumbers() {
        Arbitrary<Piece> card = TypedCards.typedCards().map(c -> new Piece(c, c.text()));
        Arbitrary<Piece> number = PayTraceShapes.tokens().map(t -> new Piece(null, t));
        // Items are separated by words, so no digit group is shared between a card and a PayTrace number.
        Arbitrary<Piece> words = Arbitraries.of(" on ", " paid with ", ", card ", " Visa ", "\nref ", " (card) ",
                " amount ", " at ").map(w -> new Piece(null, w));
        return Combinators.combine(Arbitraries.oneOf(card, number), words).as(Tuple::of).list().ofMinSize(2).ofMaxSize(6)
                .filter(items -> items.stream().anyMatch(t -> t.get1().card() != null))
                .map(items -> {
                    List<Piece> pieces = new ArrayList<>();
                    items.forEach(t -> {
                        pieces.add(t.get1());
                        pieces.add(t.get2());
                    });
                    return pieces;
                });
    }

    @Provide
    Arbitrary<String> payTraceTexts() {
        return Combinators.combine(PayTraceShapes.tokens().list().ofMinSize(1).ofMaxSize(6),
                        Arbitraries.of(PayTraceShapes.JOINERS).list().ofSize(6))
                .as((tokens, joiners) -> {
                    StringBuilder text = new StringBuilder(tokens.get(0));
                    for (int i = 1; i < tokens.size(); i++) {
                        text.append(joiners.get(i)).append(tokens.get(i));
                    }
                    return text.toString();
                });
    }

    /** Cards, PayTrace numbers, bare digits and separators in any order: anything at all may be masked. */
    @Provide
    Arbitrary<String> anyTexts() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> separators = Arbitraries.of(" ", "-", ".", "/", "  ", "\t", " - ", "*", "x", "a", ", ");
        return Arbitraries.oneOf(TypedCards.typedCards().map(TypedCard::text), PayTraceShapes.tokens(), digits, separators)
                .list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static String join(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(p.text()));
        return text.toString();
    }

    /**
     * Position by position: each card reads as its own expected mask, every other piece as it was. Not
     * {@code exact}: a card joined to the next by a separator may also lose its last four to an overlapping
     * sequence (more masked, never less).
     */
    private static void assertEveryCardMaskedAndNothingElseChanged(List<Piece> pieces, String scrubbed, boolean exact) {
        int at = 0;
        for (Piece piece : pieces) {
            String out = scrubbed.substring(at, at + piece.text().length());
            if (piece.card() != null && exact) {
                assertThat(out).as("card %s", piece.card()).isEqualTo(piece.card().masked());
            } else if (piece.card() != null) {
                String expected = piece.card().masked();
                for (int k = 0; k < out.length(); k++) {
                    boolean mayBeEither = expected.charAt(k) != out.charAt(k) && out.charAt(k) == '*'
                            && Character.isDigit(expected.charAt(k));
                    if (!mayBeEither) {
                        assertThat(out.charAt(k)).as("card %s at %d: %s", piece.card(), k, out).isEqualTo(expected.charAt(k));
                    }
                }
            } else {
                assertThat(out).as("filler").isEqualTo(piece.text());
            }
            at += piece.text().length();
        }
    }
}
