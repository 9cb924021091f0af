import Assessment
import Screening

/// Reads caffeinated drinks a day: the counts in the answer are summed ("2 red bulls and 3 coffees" → 5).
///
/// A number followed by a measure that is not a count of drinks ("200 mg", "16 oz", "2 years") is ignored. "A" or
/// "an" counts as one only before a drink word ("a cup", "an energy drink"). "A week"/"per week" divides by 7.
/// "None", "no", "zero", "I don't drink coffee" are 0. More than 50 is `.unclear`.
enum Drinks {
    /// Measures after a number that show it is not a count of drinks.
    static let measures: Set<String> = [
        "mg", "milligram", "milligrams", "mcg", "g", "gram", "grams", "ml", "millilitre", "milliliter",
        "millilitres", "milliliters", "cl", "l", "litre", "liter", "litres", "liters", "oz", "ounce", "ounces",
        "kcal", "cal", "calories", "%", "percent", "pm", "am", "oclock", "years", "year", "yrs", "months", "month",
        "weeks", "week", "days", "hours", "hrs", "minutes", "mins", "kg", "lbs", "pounds", "pumps",
        "sugars", "spoons", "teaspoons", "tablespoons", "tsp", "tbsp",
    ]

    /// Words for a drink or its container.
    static let drinkWords: Set<String> = [
        "cup", "cups", "mug", "mugs", "can", "cans", "glass", "glasses", "bottle", "bottles", "coffee", "coffees",
        "tea", "teas", "espresso", "espressos", "latte", "lattes", "cappuccino", "cappuccinos", "americano",
        "americanos", "cola", "colas", "coke", "cokes", "soda", "sodas", "pepsi", "pepsis", "drink", "drinks",
        "energy", "red", "bull", "bulls", "redbull", "redbulls", "monster", "monsters", "shot", "shots", "double",
        "large", "small", "big", "tall", "grande", "venti", "strong", "mate", "matcha", "brew", "black", "iced",
        "flat", "white", "pot", "pots", "diet", "celsius", "rockstar", "preworkout", "caffeine", "caffeinated",
    ]

    /// Answers that mean none.
    static let zeroPhrases = PhraseTable<Bool>([
        ("none", true), ("no", true), ("nope", true), ("nah", true), ("nothing", true), ("never", true),
        ("dont drink", true), ("do not drink", true), ("dont", true), ("not at all", true), ("quit", true),
        ("stopped", true), ("not any", true), ("decaf", true), ("zero", true),
    ])

    /// Reads drinks a day.
    static func read(_ tokens: [String]) -> Reading {
        var total = 0.0
        var counted = false
        var index = 0
        while index < tokens.count {
            guard let quantity = Numbers.parse(tokens, at: index) else {
                index += 1
                continue
            }
            let next = quantity.end < tokens.count ? tokens[quantity.end] : ""
            if quantity.isArticle {
                if drinkWords.contains(nextWord(tokens, after: quantity.end)) {
                    total += 1
                    counted = true
                }
            } else if !measures.contains(next), !(next == "/" || next == "per") {
                total += quantity.value
                counted = true
            }
            index = max(quantity.end, index + 1)
        }
        if counted {
            if perWeek(tokens) { total /= 7 }
            return total <= 50 ? .value(.drinksPerDay(total)) : .unclear
        }
        return zeroPhrases.occurs(in: tokens) ? .value(.drinksPerDay(0)) : .unclear
    }

    /// The first word at or after `index` that is not a size ("a 16 oz can" → "can").
    static func nextWord(_ tokens: [String], after index: Int) -> String {
        var index = index
        while index < tokens.count, Tokenizer.isDigits(tokens[index]) || measures.contains(tokens[index]) {
            index += 1
        }
        return index < tokens.count ? tokens[index] : ""
    }

    /// Whether the counts are per week ("10 a week").
    static func perWeek(_ tokens: [String]) -> Bool {
        for (index, token) in tokens.enumerated() where token == "week" || token == "weekly" {
            if token == "weekly" { return true }
            if index > 0, ["a", "per", "each", "every", "/"].contains(tokens[index - 1]) { return true }
        }
        return false
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = measures.union(drinkWords).union(zeroPhrases.words)
}
