package answer

import (
	"strings"

	"paperbot/internal/lazyre"
)

// cueWords are the English words the intent patterns key on. A misspelt
// cue ("fidning", "limitatons", "waht") is read as the cue.
var cueWords = wordSet(`what which who whom whose when where why how does did the this that about paper article study
main finding findings result results method methods methodology conclusion conclude conclusions limitation limitations
recommendation recommendations summary summarize summarise overview abstract author authors wrote written journal published
publication title volume issue doi cite citation reference references source sources argument thesis hypothesis
compare difference between coined introduced invented proposed developed originated define definition meaning weakness weaknesses many much often`)

// foreignCues map common question words of other languages to the English
// cue of the same intent, so an offline question in Spanish, French,
// German or Russian still reaches the right structural answer. They are
// generic question vocabulary, not any paper's words.
var foreignCues = map[string]string{
	// Spanish
	"trata": "about", "resumen": "summary", "resume": "summarize", "escribió": "wrote", "autor": "author", "autores": "authors",
	"método": "method", "metodología": "methodology", "limitaciones": "limitations", "conclusión": "conclusion",
	"conclusiones": "conclusions", "resultados": "results", "hallazgos": "findings", "revista": "journal", "citar": "cite",
	// French
	"résumé": "summary", "résumer": "summarize", "écrit": "wrote", "auteur": "author", "auteurs": "authors", "méthode": "method",
	"limites": "limitations", "résultats": "results", "revue": "journal", "quoi": "about",
	// German
	"zusammenfassung": "summary", "geschrieben": "wrote", "autorin": "author", "methode": "method", "grenzen": "limitations",
	"einschränkungen": "limitations", "schlussfolgerung": "conclusion", "fazit": "conclusion", "ergebnisse": "results", "worum": "about",
	// Russian
	"чём": "about", "чем": "about", "резюме": "summary", "написал": "wrote", "автор": "author", "авторы": "authors",
	"метод": "method", "методы": "methods", "ограничения": "limitations", "вывод": "conclusion", "выводы": "findings",
	"результаты": "results", "журнал": "journal",
}

// foreignFrames say what a foreign cue word asks, as an English question
// the intent patterns know.
var foreignFrames = map[string]string{
	"about": "What is this paper about?", "summary": "Summarize the paper.", "summarize": "Summarize the paper.",
	"wrote": "Who wrote this paper?", "author": "Who wrote this paper?", "authors": "Who wrote this paper?",
	"method": "What method did the author use?", "methods": "What method did the author use?", "methodology": "What method did the author use?",
	"limitations": "What are the limitations?", "conclusion": "What does the paper conclude?", "conclusions": "What does the paper conclude?",
	"results": "What are the main findings?", "findings": "What are the main findings?", "journal": "Which journal was it published in?",
	"cite": "How do I cite this paper?",
}

// fixCueTypos rewrites misspelt cue words of an English question ("waht
// are the limitatons" becomes "what are the limitations"), one edit away
// (two for long words), keeping every other word as typed and every word
// of the paper (known; nil: none).
func fixCueTypos(q string, known map[string]bool) string {
	toks := strings.Fields(q)
	changed := false
	for i, tok := range toks {
		core := strings.Trim(tok, "?!.,;:\"'“”")
		w := strings.ToLower(core)
		if len(w) < 3 || cueWords[w] || frameWords[w] || isEnglishWord(w) || known[w] {
			continue
		}
		limit := 1
		if len(w) >= 8 {
			limit = 2
		}
		best, bestD := "", limit+1
		for c := range cueWords {
			if d := editDistance(w, c, limit); d < bestD || (d == bestD && c < best) {
				best, bestD = c, d
			}
		}
		if best != "" && bestD <= limit {
			toks[i] = strings.Replace(tok, core, best, 1)
			changed = true
		}
	}
	if !changed {
		return q
	}
	return strings.Join(toks, " ")
}

// foreignFrame returns the English question a non-English question's cue
// word stands for ("" when it has none).
func foreignFrame(q string) string {
	low := strings.ToLower(q)
	if foreignStudyRe.MatchString(low) {
		// "¿Dónde se realizó el estudio?": the study's setting.
		switch {
		case foreignWhereRe.MatchString(low):
			return "Where was the study done?"
		case foreignWhenRe.MatchString(low):
			return "When was the study done?"
		}
	}
	if foreignSampleRe.MatchString(low) {
		return "How many participants were there?"
	}
	for _, w := range tokens(low) {
		if en, ok := foreignCues[w]; ok {
			if f, ok := foreignFrames[en]; ok {
				return f
			}
		}
	}
	return ""
}

// Question words and study nouns of other languages for the questions
// about a study's setting (closed word classes and the commonest nouns,
// not any paper's words).
var (
	foreignWhereRe  = lazyre.New(`(^|[^\p{L}])(dónde|donde|où|wo|где|onde|dove)([^\p{L}]|$)`)
	foreignWhenRe   = lazyre.New(`(^|[^\p{L}])(cuándo|cuando|quand|wann|когда|quando)([^\p{L}]|$)`)
	foreignStudyRe  = lazyre.New(`(^|[^\p{L}])(estudio|investigación|experimento|ensayo|encuesta|étude|recherche|expérience|essai|enquête|studie|untersuchung|experiment|umfrage|исследовани[еия]|эксперимент[ае]?|опрос[ае]?|estudo|pesquisa|studio|ricerca|sperimentazione)([^\p{L}]|$)`)
	foreignSampleRe = lazyre.New(`(cu[áa]nt[oa]s|combien|wie viele|сколько|quant[oa]s|quanti|quante)\s+(de\s+|d')?(participantes|participants|teilnehmer|teilnehmende|участников|partecipanti|personas|personnes|personen|человек|pessoas|persone|pacientes|patients|patienten|пациентов|pazienti|estudiantes|étudiants|élèves|schüler|studierende|студентов|учеников|alunos|studenti|alumnos)([^\p{L}]|$)`)
)
