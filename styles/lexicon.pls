<?xml version="1.0" encoding="UTF-8"?>
<!-- Pronunciation lexicon for the audio format (W3C PLS 1.0), so it can be reused by other
     speech tools. An <alias> is what the reader says instead of the written form.
     Acronyms not listed here are spelled out letter by letter (WMCA is "W M C A").
     To have an acronym said as a word, give it an alias equal to itself (NATO -> NATO). -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="x-sampa" xml:lang="en-GB">
  <lexeme><grapheme>WMCA</grapheme><alias>W M C A</alias></lexeme>
  <lexeme><grapheme>IHRA</grapheme><alias>I H R A</alias></lexeme>
  <lexeme><grapheme>NHS</grapheme><alias>N H S</alias></lexeme>
  <lexeme><grapheme>BSL</grapheme><alias>B S L</alias></lexeme>
  <lexeme><grapheme>LGBTQ+</grapheme><alias>L G B T Q plus</alias></lexeme>
  <lexeme><grapheme>LGBT+</grapheme><alias>L G B T plus</alias></lexeme>
  <lexeme><grapheme>COVID</grapheme><alias>COVID</alias></lexeme>
  <lexeme><grapheme>NATO</grapheme><alias>NATO</alias></lexeme>
  <lexeme><grapheme>UNESCO</grapheme><alias>UNESCO</alias></lexeme>
  <lexeme><grapheme>SEND</grapheme><alias>send</alias></lexeme>
  <lexeme><grapheme>GOV.UK</grapheme><alias>gov dot U K</alias></lexeme>
  <lexeme><grapheme>EqIA</grapheme><alias>equality impact assessment</alias></lexeme>
  <lexeme><grapheme>EIA</grapheme><alias>equality impact assessment</alias></lexeme>
  <lexeme><grapheme>PSED</grapheme><alias>public sector equality duty</alias></lexeme>
  <lexeme><grapheme>Textphone</grapheme><alias>text phone</alias></lexeme>
  <lexeme><grapheme>Relay UK</grapheme><alias>Relay U K</alias></lexeme>
</lexicon>
