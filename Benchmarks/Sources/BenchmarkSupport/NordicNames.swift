/// First and last names from the four countries, for made-up customers of the workloads.
public enum NordicNames {
    public static let first = [
        "Kari", "Ola", "Ingrid", "Lars", "Astrid", "Bjørn", "Sigrid", "Magnus", "Liv", "Erik", "Anna",
        "Johan", "Maja", "Oskar", "Elsa", "Mikkel", "Freja", "Rasmus", "Aino", "Eino", "Helmi", "Väinö",
        "Søren", "Ida", "Henrik", "Solveig", "Nils", "Åse", "Mathias", "Emma",
    ]
    public static let last = [
        "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersson", "Karlsson", "Nilsson",
        "Jensen", "Nielsen", "Pedersen", "Korhonen", "Virtanen", "Mäkinen", "Berg", "Haugen", "Dahl",
        "Lindqvist", "Sørensen", "Halvorsen", "Bakken", "Lund", "Strand", "Eriksen", "Mikkelsen",
    ]
}
