namespace CrmLive.Bench.Customers;

/// <summary>
/// Word lists for generated customers. First × last names repeat the way real ones do, so a one- or two-letter
/// prefix ("j", "jo") matches tens of thousands of customers and search has to cope with it.
/// </summary>
internal static class SampleNames
{
    public static readonly string[] First =
    [
        "John", "Johanna", "Johannes", "Jonas", "Joseph", "Josef", "Julia", "Julian", "Jana", "Jan", "James", "Jessica",
        "Jennifer", "Jacob", "Jack", "Jasmin", "Jens", "Jörg", "Jürgen", "Judith", "Anna", "Anne", "Andreas", "Alexander",
        "Alexandra", "Ali", "Amelie", "Anton", "Arne", "Ben", "Benjamin", "Bernd", "Birgit", "Charlotte", "Christian",
        "Christina", "Claudia", "Daniel", "David", "Dennis", "Dirk", "Elena", "Elias", "Emil", "Emily", "Emma", "Erik",
        "Eva", "Fabian", "Felix", "Finn", "Florian", "Frank", "Franziska", "Gabriele", "Georg", "Greta", "Hannah",
        "Hans", "Heike", "Helena", "Henry", "Ida", "Ines", "Isabel", "Jakob", "Kai", "Karin", "Katharina", "Kevin",
        "Klaus", "Lara", "Laura", "Lea", "Lena", "Leon", "Lina", "Lisa", "Louis", "Luca", "Lukas", "Maria", "Marie",
        "Mark", "Markus", "Martin", "Mathilda", "Max", "Maximilian", "Mia", "Michael", "Mila", "Moritz", "Nadine",
        "Niklas", "Nina", "Noah", "Oliver", "Olivia", "Oskar", "Patrick", "Paul", "Peter", "Petra", "Philipp", "Ralf",
        "Rebecca", "Robert", "Sabine", "Sandra", "Sara", "Sebastian", "Simon", "Sophia", "Sophie", "Stefan", "Susanne",
        "Thomas", "Tim", "Tobias", "Ursula", "Valentina", "Viktoria", "William", "Yusuf", "Zoe", "Olga", "Pierre",
        "Camille", "Giulia", "Marco", "Lucia", "Carlos", "Sofia", "Mateo", "Ahmed", "Fatima", "Mehmet", "Ayşe", "Wei",
        "Yuki", "Priya", "Arjun", "Oleksandr", "Kateryna", "Piotr", "Agnieszka", "Lars", "Ingrid", "Sven", "Astrid",
    ];

    public static readonly string[] Last =
    [
        "Smith", "Smithson", "Schmidt", "Schmitt", "Schneider", "Schulz", "Schulze", "Schäfer", "Müller", "Meyer",
        "Meier", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner",
        "Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser",
        "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich",
        "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht",
        "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein",
        "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Schulte",
        "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt",
        "Sauer", "Arnold", "Wolff", "Pfeiffer", "Johnson", "Jones", "Johansson", "Jensen", "Brown", "Williams",
        "Taylor", "Davies", "Evans", "Wilson", "Thompson", "Roberts", "Walker", "Wright", "Robinson", "Wood",
        "Hall", "Green", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker",
        "Harris", "Lewis", "Young", "Allen", "Scott", "Mitchell", "Martinez", "Garcia", "Rodriguez", "Lopez",
        "Gonzalez", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Dubois", "Durand", "Lefebvre", "Moreau",
        "Nowak", "Kowalski", "Wiśniewski", "Yilmaz", "Kaya", "Demir", "Şahin", "Nielsen", "Hansen", "Larsen",
        "Andersson", "Nilsson", "Novak", "Horvat", "Kovač", "Popescu", "Ionescu", "Papadopoulos", "Silva", "Santos",
        "Ferreira", "Costa", "Oliveira", "Pereira", "Tanaka", "Suzuki", "Sato", "Chen", "Wang", "Li", "Zhang",
        "Kumar", "Sharma", "Patel", "Singh", "Khan", "Ivanova", "Petrov", "Shevchenko", "Bondarenko", "O'Brien",
        "Murphy", "Kelly", "Walsh", "Byrne", "van Dijk", "de Vries", "Jansen", "de Jong", "Bakker", "Visser",
    ];

    public static readonly string[] MailDomains =
    [
        "gmail.com", "web.de", "gmx.de", "outlook.com", "yahoo.com", "t-online.de", "icloud.com", "hotmail.com",
        "posteo.de", "proton.me", "mail.com", "freenet.de",
    ];

    public static readonly string[] CompanyWords =
    [
        "Nord", "Süd", "Ost", "West", "Alpen", "Rhein", "Elbe", "Hansa", "Berg", "Stern", "Sonnen", "Blau", "Grün",
        "Adler", "Falken", "Linden", "Eichen", "Kristall", "Silber", "Gold", "Eisen", "Licht", "Wind", "Wasser",
        "Feld", "Wald", "Stadt", "Land", "Meer", "Brücken", "Atlas", "Nova", "Vita", "Terra", "Orbit", "Pixel",
        "Quantum", "Vertex", "Summit", "Harbor", "Pioneer", "Zenith", "Apex", "Beacon", "Cedar", "Delta", "Echo",
        "Fjord", "Granite", "Horizon", "Iris", "Juniper", "Kinetic", "Lumen", "Maple", "Nimbus", "Oak", "Polar",
    ];

    public static readonly string[] CompanyTrades =
    [
        "Logistik", "Logistics", "Handel", "Trading", "Technik", "Tech", "Systems", "Solutions", "Bau", "Consulting",
        "Medien", "Media", "Software", "Foods", "Getränke", "Mode", "Fashion", "Möbel", "Elektro", "Energie",
        "Reisen", "Travel", "Sport", "Garten", "Druck", "Verlag", "Pharma", "Optik", "Dental", "Immobilien",
    ];

    public static readonly string[] CompanyForms = ["GmbH", "AG", "KG", "GmbH & Co. KG", "Ltd", "Inc.", "SE", "e.K."];

    public static readonly string[] Tags = ["vip", "wholesale", "newsletter", "b2b", "returning", "at-risk", "press", "partner"];

    /// <summary>Country calling code, area codes: "+49 30 1234567" style numbers.</summary>
    public static readonly (string Country, string[] Areas)[] Phones =
    [
        ("+49", ["30", "40", "89", "221", "69", "711", "211", "341", "351", "511", "170", "151", "160", "176"]),
        ("+44", ["20", "121", "161", "113", "7700", "7911"]),
        ("+43", ["1", "316", "512", "662"]),
        ("+41", ["44", "31", "61", "22"]),
        ("+33", ["1", "4", "6"]),
        ("+1", ["212", "415", "312", "617"]),
    ];
}
