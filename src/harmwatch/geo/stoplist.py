"""Words that look like Syrian toponyms in English text but usually are not.

Many Syrian villages share their name with an English word ("Has", "Tell", "Hit") or a
personal or group name ("Abbas", "Jihad", "Assad", "Nusra"). A single-word match on one
of these is only kept when the text itself says it is a place ("the village of Has").
"""

from __future__ import annotations

ENGLISH = frozenset((
    'a', 'about', 'above', 'across', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and',
    'any', 'are', 'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both',
    'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few', 'for',
    'from', 'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'him', 'his',
    'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'me', 'more', 'most', 'my', 'no', 'nor',
    'not', 'now', 'of', 'off', 'on', 'once', 'only', 'or', 'other', 'our', 'out', 'over', 'own',
    'same', 'she', 'should', 'so', 'some', 'such', 'than', 'that', 'the', 'their', 'them', 'then',
    'there', 'these', 'they', 'this', 'those', 'through', 'to', 'too', 'under', 'until', 'up', 'very',
    'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will',
    'with', 'would', 'you', 'your', 'tell', 'tall', 'tal', 'hot', 'hit', 'seen', 'wash', 'dam', 'mil',
    'milk', 'bile', 'mare', 'hole', 'hall', 'san', 'sam', 'os', 'oj', 'ada', 'alma', 'nada', 'nava',
    'kara', 'mina', 'nina', 'sara', 'tata', 'tat', 'sala', 'sur', 'bad', 'ban', 'bar', 'bat', 'bay',
    'bed', 'big', 'bin', 'bud', 'bus', 'cut', 'dar', 'dead', 'deal', 'den', 'dune', 'dust', 'fall',
    'far', 'fat', 'fire', 'gas', 'gate', 'hat', 'head', 'home', 'job', 'kit', 'lab', 'lane', 'line',
    'lot', 'mall', 'man', 'map', 'mass', 'may', 'mine', 'mob', 'nan', 'net', 'new', 'nil', 'note',
    'old', 'pass', 'pit', 'pot', 'rail', 'ram', 'rat', 'red', 'rim', 'road', 'rock', 'roof', 'rum',
    'sand', 'sea', 'set', 'shed', 'ship', 'shop', 'side', 'sin', 'son', 'star', 'stone', 'sun', 'tank',
    'tar', 'ten', 'tin', 'top', 'town', 'tree', 'van', 'war', 'well', 'west', 'east', 'north', 'south',
    'wall', 'water', 'way', 'wood', 'yard', 'arab', 'arabs', 'kurd', 'kurds', 'kurdish', 'turk',
    'turks', 'state', 'islamic', 'islam', 'free', 'army', 'forces', 'force', 'government', 'regime',
    'rebel', 'rebels', 'opposition', 'civil', 'civilians', 'defence', 'defense', 'council',
    'observatory', 'rights', 'human', 'watch', 'united', 'nations', 'security', 'health', 'doctors',
    'red', 'crescent', 'cross', 'white', 'helmets', 'media', 'news', 'agency', 'press', 'report',
    'reports', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
    'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
    'december', 'president', 'minister', 'general', 'colonel', 'commander', 'spokesman', 'leader',
    'prime', 'mister', 'mr', 'mrs', 'ms', 'dr', 'sheikh', 'imam', 'emir', 'brigade', 'brigades',
    'battalion', 'division', 'regiment', 'front', 'movement', 'party', 'union', 'martyrs',
    'international', 'national', 'central', 'democratic', 'popular', 'revolutionary', 'liberation',
    'syrian', 'russian', 'iranian', 'iraqi', 'lebanese', 'jordanian', 'american', 'british', 'french',
    'german', 'israeli', 'turkish', 'hezbollah', 'coalition', 'alliance', 'command', 'operation',
    'operations', 'centre', 'center', 'committee', 'network', 'organisation', 'organization',
    'foundation', 'institute', 'university', 'hospital', 'clinic', 'school', 'mosque', 'market',
    'bakery', 'camp',
))

# Personal names and parts of group names that are also village names somewhere in Syria.
PERSONAL = frozenset((
    'muhammad', 'mohammad', 'mohammed', 'mohamed', 'ahmad', 'ahmed', 'ali', 'hassan', 'hasan',
    'hussein', 'husain', 'omar', 'umar', 'abdullah', 'abdallah', 'khaled', 'khalid', 'mahmoud',
    'mahmud', 'mustafa', 'ibrahim', 'yusuf', 'youssef', 'abbas', 'aziz', 'adnan', 'amer', 'amin',
    'ammar', 'bilal', 'jihad', 'nidal', 'mahdi', 'nasr', 'sami', 'salim', 'salam', 'tahir', 'taher',
    'haddad', 'wael', 'basel', 'rami', 'hamdan', 'faraj', 'assad', 'asad', 'bashar', 'hafez', 'maher',
    'ansari', 'mufti', 'baath', 'qaeda', 'nusra', 'islam', 'rahman', 'jaish', 'julani', 'jolani',
    'baghdadi', 'zawahiri', 'hamza', 'hamzah', 'fateh', 'fatah', 'tahrir', 'ahrar', 'raed', 'ziad',
    'fadi', 'hadi', 'saleh', 'salih', 'karim', 'kareem', 'hadid', 'issa', 'isa', 'musa', 'moussa',
    'yahya', 'zakaria', 'zaid', 'zeid', 'said', 'saeed', 'saad', 'sultan', 'suleiman', 'sulaiman',
    'walid', 'waleed', 'yasser', 'yaser', 'hani', 'hana', 'hiba', 'huda', 'layla', 'leila', 'maryam',
    'mariam', 'nour', 'noor', 'fatima', 'zainab', 'zeinab', 'aisha', 'asma', 'rania', 'reem', 'rim',
    'sana', 'sara', 'salma', 'amal', 'amira', 'jamil', 'jamal', 'nabil', 'nader', 'nasser', 'naser',
    'riad', 'riyad', 'khalil', 'ismail', 'ismael', 'osama', 'usama', 'anas', 'bakr', 'abu', 'umm',
    'bin', 'ibn', 'sham', 'shami', 'tahrir', 'qaeda', 'nusra', 'sunna', 'ummah', 'jazeera', 'arabiya',
    'mayadeen', 'manar', 'watan', 'hayat', 'akhbar', 'masdar', 'monitor', 'ikhbariya', 'thawra',
    'quds', 'enab', 'baladi',
    # first names of foreign leaders and envoys in the news, spelt like Syrian villages
    # ("Barack" / Barraq, "Maria" / Mare')
    'barack', 'donald', 'vladimir', 'sergei', 'sergey', 'maria', 'john', 'staffan', 'kofi', 'lakhdar',
    'recep', 'francois', 'emmanuel', 'angela', 'boris', 'theresa', 'hillary', 'rex', 'ban',
))

# Phrases that contain a place-like token but name a group, a person or a medium.
PHRASES = (
    "al jazeera", "al arabiya", "al mayadeen", "al manar", "al watan", "al hayat", "al quds", "al akhbar",
    "al masdar", "al monitor", "al qaeda", "al nusra", "al sham", "ahrar al sham", "tahrir al sham",
    "jaish al islam", "faylaq al rahman", "al assad", "bashar al assad", "al ikhbariya", "enab baladi",
)

TITLES = frozenset((
    'mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'general', 'gen', 'colonel', 'col', 'commander',
    'spokesman', 'spokeswoman', 'leader', 'emir', 'imam', 'father', 'son', 'brother', 'sister',
    'mother', 'activist', 'resident', 'correspondent', 'journalist', 'reporter', 'named', 'called',
    'identified', 'doctor', 'nurse', 'surgeon', 'director', 'chief', 'sheikh', 'lieutenant', 'lt',
    'major', 'maj', 'captain', 'capt', 'sergeant', 'brig', 'brigadier',
))
