package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void separatesParagraphsWithABlankLine() {
		assertThat(PlainText.fromHtml("<p>First  rule.</p><p>Second\n   rule.</p>"))
			.isEqualTo("First rule.\n\nSecond rule.");
	}

	@Test
	void putsLineBreaksAndListItemsOnTheirOwnLine() {
		assertThat(PlainText.fromHtml("Licence needed:<br>now<ul><li>custody</li><li>capital</li></ul>after"))
			.isEqualTo("Licence needed:\nnow\n\ncustody\ncapital\n\nafter");
	}

	@Test
	void ignoresLayoutWhitespaceBetweenBlocks() {
		assertThat(PlainText
			.fromHtml("<div>\n  <p>Rule one.</p>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</div>"))
			.isEqualTo("Rule one.\n\na\nb");
	}

	@Test
	void decodesEntitiesAndKeepsInlineTextTogether() {
		assertThat(PlainText.fromHtml("A&nbsp;<b>bold</b>&amp;<i>new</i> &quot;rule&quot; &lt;draft&gt;"))
			.isEqualTo("A bold&new \"rule\" <draft>");
	}

	@Test
	void dropsScriptsAndStyles() {
		assertThat(PlainText.fromHtml("<style>p{color:red}</style><p>Text</p><script>alert('x')</script>"))
			.isEqualTo("Text");
	}

	@Test
	void collapsesWhitespaceInPlainText() {
		assertThat(PlainText.normalise("  One \t line\r\n\r\n\r\n\r\nNext   para  "))
			.isEqualTo("One line\n\nNext para");
	}

	@Test
	void makesTitlesASingleLine() {
		assertThat(PlainText.line("Central bank pauses <em>CBDC</em>\n pilot &amp; more"))
			.isEqualTo("Central bank pauses CBDC pilot & more");
	}

	@Test
	void keepsTableCellsApart() {
		assertThat(PlainText
			.fromHtml("<table><tr><th>Rule</th><th>Date</th></tr><tr><td>Custody</td><td>May</td></tr></table>"))
			.isEqualTo("Rule Date\nCustody May");
	}

	@Test
	void dropsInvisibleCharactersAndSpacesOfEveryKind() {
		assertThat(PlainText.normalise("Zero\u200Bwidth, soft\u00ADhyphen,\uFEFF thin\u2009space\u3000and \u0007bell"))
			.isEqualTo("Zerowidth, softhyphen, thin space and bell");
	}

	@Test
	void composesAccentsSoThatEqualWordsCompareEqual() {
		assertThat(PlainText.normalise("Banco Central de Espan\u0303a")).isEqualTo("Banco Central de Espa\u00F1a");
	}

	@Test
	void treatsMissingInputAsEmpty() {
		assertThat(PlainText.fromHtml(null)).isEmpty();
		assertThat(PlainText.normalise("   ")).isEmpty();
		assertThat(PlainText.line(null)).isEmpty();
	}

}
